package dev.tracegate.it.app;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;

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

  /** Its stage completes {@link #LATER_MILLIS} after it returns ({@link Later}). */
  @WithSpan
  public CompletionStage<String> later() {
    return Later.complete("done", LATER_MILLIS, "with-span-later");
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
