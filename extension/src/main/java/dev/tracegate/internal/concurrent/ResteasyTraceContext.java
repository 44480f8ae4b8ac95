package dev.tracegate.internal.concurrent;

import dev.tracegate.internal.logging.TraceLogFields;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.jboss.resteasy.spi.concurrent.ThreadContext;

/**
 * The trace as RESTEasy thread context: RESTEasy runs an async JAX-RS Client call (its filters
 * included) on an executor it wraps so that every {@code ThreadContext} it finds is captured on the
 * calling thread and pushed on the worker around the task. With this one the call's CLIENT span is
 * a child of the caller's span, its baggage goes along, and the worker's log records carry the
 * caller's {@code trace_id}; after the task the worker has exactly the context and log fields it
 * had before.
 *
 * <p>Loaded only by RESTEasy, through {@code
 * META-INF/services/org.jboss.resteasy.spi.concurrent.ThreadContext}; nothing else in Tracegate
 * refers to this class, so a server without RESTEasy's SPI never loads it.
 */
public final class ResteasyTraceContext implements ThreadContext<Context> {
  /**
   * What each worker thread must put back, innermost push first: RESTEasy hands {@link #reset} the
   * captured context, not what the worker had, and a worker may run a task inside another.
   */
  private static final ThreadLocal<Pushed> PUSHED = new ThreadLocal<>();

  @Override
  public Context capture() {
    return Context.current();
  }

  @Override
  @SuppressWarnings("MustBeClosedChecker") // closed by reset, after the task
  public void push(Context context) {
    Runnable restoreLogFields = TraceLogFields.replace(context);
    PUSHED.set(new Pushed(context.makeCurrent(), restoreLogFields, PUSHED.get()));
  }

  @Override
  public void reset(Context context) {
    Pushed pushed = PUSHED.get();
    if (pushed == null) {
      return; // nothing of ours on this thread: RESTEasy resets every context, pushed or not
    }
    if (pushed.outer == null) {
      PUSHED.remove(); // a pooled thread keeps no entry of an application's class
    } else {
      PUSHED.set(pushed.outer);
    }
    pushed.scope.close();
    pushed.restoreLogFields.run();
  }

  /** One push on a worker thread, and the one it was pushed inside of, if any. */
  private record Pushed(Scope scope, Runnable restoreLogFields, Pushed outer) {}
}
