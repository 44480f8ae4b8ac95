package dev.tracegate.internal.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import jakarta.enterprise.concurrent.spi.ThreadContextProvider;
import jakarta.enterprise.concurrent.spi.ThreadContextRestorer;
import jakarta.enterprise.concurrent.spi.ThreadContextSnapshot;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The provider as a managed executor drives it: a snapshot taken on the submitting thread, begun on
 * a worker thread before the task and ended after it.
 */
class TraceThreadContextProviderTest {
  private final Tracer tracer = SdkTracerProvider.builder().build().get("test");
  private final ThreadContextProvider provider = new TraceThreadContextProvider();

  /** The worker, with a context of its own current (a task of its own, say) while it runs ours. */
  private final ExecutorService worker = Executors.newSingleThreadExecutor();

  private final Context workersOwn =
      Context.root().with(tracer.spanBuilder("worker's own").startSpan());

  @AfterEach
  void stopWorker() {
    worker.shutdownNow();
  }

  @Test
  void managedExecutorsFindItThroughItsServiceFile() {
    List<String> types =
        ServiceLoader.load(ThreadContextProvider.class).stream()
            .map(found -> found.get().getThreadContextType())
            .toList();
    assertEquals(List.of(TraceThreadContextProvider.CONTEXT_TYPE), types);
  }

  @Test
  void theTaskRunsInTheSubmittersContext() throws Exception {
    Span request = tracer.spanBuilder("request").startSpan();
    Baggage baggage = Baggage.builder().put("tenant", "t-1").build();
    ThreadContextSnapshot snapshot;
    try (Scope scope = Context.root().with(request).with(baggage).makeCurrent()) {
      snapshot = provider.currentContext(Map.of());
    }
    Context inTask = runOnWorker(snapshot, Context::current);
    assertSame(request, Span.fromContext(inTask));
    assertEquals("t-1", Baggage.fromContext(inTask).getEntryValue("tenant"));
  }

  @Test
  void theWorkerGetsBackExactlyTheContextItHadBefore() throws Exception {
    ThreadContextSnapshot snapshot;
    try (Scope scope = tracer.spanBuilder("request").startSpan().makeCurrent()) {
      snapshot = provider.currentContext(Map.of());
    }
    Context after =
        onWorkerInItsOwnContext(
            () -> {
              snapshot.begin().endContext();
              return Context.current();
            });
    assertSame(workersOwn, after);
  }

  @Test
  void aClearedContextRunsTheTaskWithNoTraceAndRestoresTheWorkers() throws Exception {
    ThreadContextSnapshot cleared;
    try (Scope scope = tracer.spanBuilder("request").startSpan().makeCurrent()) {
      cleared = provider.clearedContext(Map.of());
    }
    Context[] inTaskAndAfter =
        onWorkerInItsOwnContext(
            () -> {
              ThreadContextRestorer restorer = cleared.begin();
              Context inTask = Context.current();
              restorer.endContext();
              return new Context[] {inTask, Context.current()};
            });
    assertSame(
        Context.root(),
        inTaskAndAfter[0],
        "no parent for the task's spans, not even the worker's own");
    assertSame(workersOwn, inTaskAndAfter[1]);
  }

  @Test
  void aTaskSubmittedOutsideAnyTraceHasNone() throws Exception {
    ThreadContextSnapshot snapshot = provider.currentContext(Map.of());
    Context inTask = runOnWorker(snapshot, Context::current);
    assertFalse(Span.fromContext(inTask).getSpanContext().isValid());
  }

  @Test
  void oneSnapshotServesMoreThanOneTask() throws Exception {
    Span request = tracer.spanBuilder("request").startSpan();
    ThreadContextSnapshot snapshot;
    try (Scope scope = request.makeCurrent()) {
      snapshot = provider.currentContext(Map.of());
    }
    // A contextual proxy runs one snapshot again and again; here once nested in another run.
    ThreadContextRestorer first = snapshot.begin();
    ThreadContextRestorer second = snapshot.begin();
    assertSame(request, Span.current());
    second.endContext();
    assertSame(request, Span.current());
    first.endContext();
    assertFalse(Span.current().getSpanContext().isValid());
  }

  @Test
  void aRestorerRestoresOnce() {
    ThreadContextRestorer restorer = provider.currentContext(Map.of()).begin();
    restorer.endContext();
    assertThrows(IllegalStateException.class, restorer::endContext);
  }

  @Test
  void theSubmittingThreadIsLeftAsItWas() {
    Span request = tracer.spanBuilder("request").startSpan();
    try (Scope scope = request.makeCurrent()) {
      provider.currentContext(Map.of());
      provider.clearedContext(Map.of());
      assertSame(request, Span.current());
    }
    assertTrue(Context.current() == Context.root());
  }

  /** What a managed executor does: the snapshot's context around the task, on the worker. */
  private <T> T runOnWorker(ThreadContextSnapshot snapshot, Supplier<T> task) throws Exception {
    return onWorkerInItsOwnContext(
        () -> {
          ThreadContextRestorer restorer = snapshot.begin();
          try {
            return task.get();
          } finally {
            restorer.endContext();
          }
        });
  }

  private <T> T onWorkerInItsOwnContext(Callable<T> work) throws Exception {
    return worker
        .submit(
            () -> {
              try (Scope own = workersOwn.makeCurrent()) {
                return work.call();
              }
            })
        .get();
  }
}
