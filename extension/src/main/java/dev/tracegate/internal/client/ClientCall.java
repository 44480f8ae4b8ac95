package dev.tracegate.internal.client;

import io.opentelemetry.api.trace.Span;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One traced outbound call: its CLIENT span, ended by the response filter, or, when the call failed
 * before any response (connection refused, timeout), as soon as Tracegate next sees the calling
 * thread. JAX-RS has no hook for a failed call, so the last call of each thread is remembered until
 * its response arrives; no span is left open.
 */
public final class ClientCall {
  public static final String PROPERTY = ClientCall.class.getName();

  // Cleared with set(null), not remove(), so each thread's map entry is reused by every call.
  private static final ThreadLocal<ClientCall> AWAITING_RESPONSE = new ThreadLocal<>();

  private static final AtomicIntegerFieldUpdater<ClientCall> ENDED =
      AtomicIntegerFieldUpdater.newUpdater(ClientCall.class, "ended");

  // Let go once ended: RESTEasy's client responses are finalizable and keep their request's
  // properties, this call among them, alive until the finalizer has run; the span must not live on
  // with them.
  private Span span;
  private volatile int ended;

  public ClientCall(Span span) {
    this.span = span;
  }

  /** Called when the call is sent (after any earlier abandoned call was ended). */
  public void awaitResponse() {
    AWAITING_RESPONSE.set(this);
  }

  public void end(int status) {
    if (ENDED.compareAndSet(this, 0, 1)) {
      ClientSpans.end(span, status);
      span = null;
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
