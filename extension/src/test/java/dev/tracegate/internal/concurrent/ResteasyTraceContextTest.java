package dev.tracegate.internal.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jboss.resteasy.concurrent.ContextualExecutors;
import org.jboss.resteasy.spi.concurrent.ThreadContexts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * RESTEasy's own contextual executor, the kind its JAX-RS Client runs async calls on, with the
 * thread contexts it finds through their service files: Tracegate's among them.
 */
class ResteasyTraceContextTest {
  private final Tracer tracer = SdkTracerProvider.builder().build().get("test");

  /** One worker thread, so every task runs where the one before it ran. */
  private final ExecutorService worker = Executors.newSingleThreadExecutor();

  private final ExecutorService contextual = ContextualExecutors.wrap(worker);

  @AfterEach
  void stopWorker() {
    worker.shutdownNow();
  }

  @Test
  void resteasyFindsItThroughItsServiceFile() {
    assertTrue(
        new ThreadContexts()
            .getThreadContexts().stream().anyMatch(ResteasyTraceContext.class::isInstance));
  }

  @Test
  void theTaskRunsInTheCallersContext() throws Exception {
    Span request = tracer.spanBuilder("request").startSpan();
    Baggage baggage = Baggage.builder().put("tenant", "t-1").build();
    Context inTask;
    try (Scope scope = Context.root().with(request).with(baggage).makeCurrent()) {
      inTask = contextual.submit(Context::current).get(10, TimeUnit.SECONDS);
    }
    assertSame(request, Span.fromContext(inTask));
    assertEquals("t-1", Baggage.fromContext(inTask).getEntryValue("tenant"));
  }

  @Test
  void theWorkerKeepsNoContextAfterTheTask() throws Exception {
    try (Scope scope = tracer.spanBuilder("request").startSpan().makeCurrent()) {
      contextual.submit(Context::current).get(10, TimeUnit.SECONDS);
    }
    assertSame(Context.root(), onWorker(Context::current));
  }

  @Test
  void theWorkerGetsBackExactlyTheContextItHadBefore() throws Exception {
    Context workersOwn = Context.root().with(tracer.spanBuilder("worker's own").startSpan());
    Scope own = onWorker(workersOwn::makeCurrent); // left open on the worker across tasks
    try (Scope scope = tracer.spanBuilder("request").startSpan().makeCurrent()) {
      contextual.submit(Context::current).get(10, TimeUnit.SECONDS);
    }
    assertSame(workersOwn, onWorker(Context::current));
    onWorker(
        () -> {
          own.close();
          return null;
        });
  }

  @Test
  void aTaskInsideATaskRestoresEachLevel() throws Exception {
    Span outer = tracer.spanBuilder("outer").startSpan();
    Span inner = tracer.spanBuilder("inner").startSpan();
    ResteasyTraceContext threadContext = new ResteasyTraceContext();
    Context outerCaptured;
    Context innerCaptured;
    try (Scope scope = outer.makeCurrent()) {
      outerCaptured = threadContext.capture();
    }
    try (Scope scope = inner.makeCurrent()) {
      innerCaptured = threadContext.capture();
    }
    Span[] seen =
        onWorker(
            () -> {
              threadContext.push(outerCaptured);
              Span inOuter = Span.current();
              threadContext.push(innerCaptured);
              Span inInner = Span.current();
              threadContext.reset(innerCaptured);
              Span backInOuter = Span.current();
              threadContext.reset(outerCaptured);
              return new Span[] {inOuter, inInner, backInOuter, Span.current()};
            });
    assertSame(outer, seen[0]);
    assertSame(inner, seen[1]);
    assertSame(outer, seen[2]);
    assertFalse(seen[3].getSpanContext().isValid());
  }

  @Test
  void aResetWithoutAPushChangesNothing() throws Exception {
    ResteasyTraceContext threadContext = new ResteasyTraceContext();
    Span request = tracer.spanBuilder("request").startSpan();
    try (Scope scope = request.makeCurrent()) {
      threadContext.reset(Context.current());
      assertSame(request, Span.current());
    }
  }

  private <T> T onWorker(Callable<T> work) throws Exception {
    return worker.submit(work).get(10, TimeUnit.SECONDS);
  }
}
