package dev.tracegate.internal.concurrent;

import dev.tracegate.internal.logging.TraceLogFields;
import dev.tracegate.internal.server.ServerCall;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.concurrent.spi.ThreadContextProvider;
import jakarta.enterprise.concurrent.spi.ThreadContextRestorer;
import jakarta.enterprise.concurrent.spi.ThreadContextSnapshot;
import java.util.Map;

/**
 * The trace as Jakarta Concurrency thread context: a task submitted to a managed executor (and an
 * async JAX-RS Client call, which Open Liberty runs on one) runs with the OpenTelemetry context
 * (span and baggage) and the log fields of the thread that submitted it, so its spans are children
 * of the submitter's span. After the task the worker thread has exactly the context it had before.
 *
 * <p>Context type {@value #CONTEXT_TYPE}: propagated by default, like every third-party context; a
 * {@code ContextServiceDefinition} that lists it in {@code cleared} runs its tasks with no trace
 * (their spans start new traces).
 *
 * <p>Loaded only by the server's managed executors, through {@code
 * META-INF/services/jakarta.enterprise.concurrent.spi.ThreadContextProvider}; nothing else in
 * Tracegate refers to this class, so a server without Jakarta Concurrency never loads it.
 */
public final class TraceThreadContextProvider implements ThreadContextProvider {
  /**
   * The name {@code ContextServiceDefinition}'s {@code propagated}, {@code cleared} and {@code
   * unchanged} use.
   */
  public static final String CONTEXT_TYPE = "Tracegate";

  @Override
  public ThreadContextSnapshot currentContext(Map<String, String> executionProperties) {
    return new Snapshot(ServerCall.currentContext());
  }

  @Override
  public ThreadContextSnapshot clearedContext(Map<String, String> executionProperties) {
    return new Snapshot(Context.root());
  }

  @Override
  public String getThreadContextType() {
    return CONTEXT_TYPE;
  }

  /** A context to run tasks in; one snapshot may serve many tasks, at once on several threads. */
  private record Snapshot(Context context) implements ThreadContextSnapshot {
    @Override
    @SuppressWarnings("MustBeClosedChecker") // closed by the restorer, after the task
    public ThreadContextRestorer begin() {
      // What the worker thread gets back after the task must not be an answered request's context.
      ServerCall.closeScopeOfAnsweredRequestOnThisThread();
      Runnable restoreLogFields = TraceLogFields.replace(context);
      return new Restorer(context.makeCurrent(), restoreLogFields);
    }

    @Override
    public String toString() {
      return "Tracegate context of span " + Span.fromContext(context).getSpanContext().getSpanId();
    }
  }

  /** Puts back, on the worker thread, what it had before the task. */
  private static final class Restorer implements ThreadContextRestorer {
    private Scope scope;
    private final Runnable restoreLogFields;

    Restorer(Scope scope, Runnable restoreLogFields) {
      this.scope = scope;
      this.restoreLogFields = restoreLogFields;
    }

    @Override
    public void endContext() {
      if (scope == null) {
        throw new IllegalStateException("the thread's context was already restored");
      }
      scope.close();
      scope = null;
      restoreLogFields.run();
    }
  }
}
