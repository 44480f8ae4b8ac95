package dev.tracegate.it.app;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** A CDI bean whose methods carry MicroProfile Telemetry's {@code @WithSpan}, as users write it. */
@ApplicationScoped
public class WithSpanBean {
  /** How long {@link #later()}'s stage takes to complete after the method has returned. */
  public static final long LATER_MILLIS = 300;

  @WithSpan
  public String lookup(@SpanAttribute("item.id") String item, int ignoredCount) {
    return "found " + item;
  }

  @WithSpan(value = "price quote", kind = SpanKind.PRODUCER)
  public String quote() {
    return "42.00";
  }

  /**
   * Completes on a thread of its own, which ends with it: the JDK's shared {@code
   * CompletableFuture.delayedExecutor} thread would keep this application's class loader as its
   * context class loader after the application is gone, and hand it to later applications' tasks.
   */
  @WithSpan
  public CompletionStage<String> later() {
    CompletableFuture<String> result = new CompletableFuture<>();
    Thread completer =
        new Thread(
            () -> {
              try {
                TimeUnit.MILLISECONDS.sleep(LATER_MILLIS);
                result.complete("done");
              } catch (InterruptedException e) {
                result.completeExceptionally(e);
              }
            },
            "with-span-later");
    completer.setDaemon(true);
    completer.start();
    return result;
  }

  @WithSpan(value = "detached", inheritContext = false)
  public String detached(@SpanAttribute("request.id") String requestId) {
    return "detached " + requestId;
  }

  @WithSpan
  public void fail() {
    throw new IllegalStateException("out of stock");
  }
}
