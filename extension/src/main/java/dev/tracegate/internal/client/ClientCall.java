package dev.tracegate.internal.client;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One traced outbound call: its CLIENT span, ended by the response filter, or, when the call failed
 * before any response (connection refused, timeout), as soon as Tracegate next sees the calling
 * thread. JAX-RS has no hook for a failed call, so the last call of each thread is remembered until
 * its response arrives; no span is left open.
 *
 * <p>A call is also the context its headers are written from: its parent with its span, as {@code
 * parent.with(span)} would be, without copying the parent's entries for each call.
 */
public final class ClientCall implements Context {
  public static final String PROPERTY = ClientCall.class.getName();

  /** The key under which a context holds its span; null if the API did not show it. */
  private static final ContextKey<Span> SPAN_KEY = spanKey();

  // Cleared with set(null), not remove(), so each thread's map entry is reused by every call.
  private static final ThreadLocal<ClientCall> AWAITING_RESPONSE = new ThreadLocal<>();

  private static final AtomicIntegerFieldUpdater<ClientCall> ENDED =
      AtomicIntegerFieldUpdater.newUpdater(ClientCall.class, "ended");

  // Let go once ended: RESTEasy's client responses are finalizable and keep their request's
  // properties, this call among them, alive until the finalizer has run; the span and its parent
  // must not live on with them.
  private Context parent;
  private Span span;
  private volatile int ended;

  /** The call whose span was started as a child of {@code parent}. */
  public ClientCall(Context parent, Span span) {
    this.parent = parent;
    this.span = span;
  }

  /** The context to write the call's headers from: the parent with the call's span. */
  public Context withSpan() {
    return SPAN_KEY != null ? this : parent.with(span);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <V> V get(ContextKey<V> key) {
    if (key == SPAN_KEY) {
      return (V) span;
    }
    Context parent = this.parent;
    return parent == null ? null : parent.get(key);
  }

  @Override
  public <V> Context with(ContextKey<V> key, V value) {
    Context parent = this.parent;
    return (parent == null ? Context.root() : parent.with(span)).with(key, value);
  }

  /**
   * OpenTelemetry's span key is private to its API; {@code Span.fromContext} asks a context for it.
   */
  private static ContextKey<Span> spanKey() {
    ContextKey<?>[] asked = new ContextKey<?>[1];
    Span.fromContextOrNull(
        new Context() {
          @Override
          public <V> V get(ContextKey<V> key) {
            asked[0] = key;
            return null;
          }

          @Override
          public <V> Context with(ContextKey<V> key, V value) {
            return this;
          }
        });
    @SuppressWarnings("unchecked")
    ContextKey<Span> key = (ContextKey<Span>) asked[0];
    return key;
  }

  /** Called when the call is sent (after any earlier abandoned call was ended). */
  public void awaitResponse() {
    AWAITING_RESPONSE.set(this);
  }

  public void end(int status) {
    if (ENDED.compareAndSet(this, 0, 1)) {
      ClientSpans.end(span, status);
      span = null;
      parent = null;
      if (AWAITING_RESPONSE.get() == this) {
        AWAITING_RESPONSE.set(null);
      }
    }
  }

  /** Ends, as failed, the call this thread sent whose response never came. */
  public static void endAbandonedOnThisThread() {
    ClientCall call = AWAITING_RESPONSE.get();
    if (call != null) {
      AWAITING_RESPONSE.set(null);
      if (ENDED.compareAndSet(call, 0, 1)) {
        ClientSpans.endWithoutResponse(call.span);
        call.span = null;
        call.parent = null;
      }
    }
  }

  /** Stands for the exception JAX-RS gave the application, which no filter can see. */
  static final class NoResponse extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final NoResponse INSTANCE = new NoResponse();

    private NoResponse() {
      super(
          "the call failed before a response arrived (connection refused, reset or timed out)",
          null,
          false,
          false);
    }
  }
}
