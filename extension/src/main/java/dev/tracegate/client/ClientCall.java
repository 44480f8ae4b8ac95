package dev.tracegate.client;

import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import jakarta.ws.rs.client.ClientRequestContext;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One traced outbound call: its CLIENT span, ended by the response filter, or, when the call failed
 * before any response (connection refused, timeout), as soon as Tracegate next sees the calling
 * thread. JAX-RS has no hook for a failed call, so the last call of each thread is remembered until
 * its response arrives; no span is left open.
 */
public final class ClientCall {
  static final String PROPERTY = ClientCall.class.getName();

  private static final ThreadLocal<ClientCall> AWAITING_RESPONSE = new ThreadLocal<>();

  private final Instrumenter<ClientRequestContext, Integer> instrumenter;
  private final ClientRequestContext request;
  private final Context context;
  private final AtomicBoolean ended = new AtomicBoolean();

  ClientCall(Instrumenter<ClientRequestContext, Integer> instrumenter, ClientRequestContext request, Context context) {
    this.instrumenter = instrumenter;
    this.request = request;
    this.context = context;
  }

  /** Called when the call is sent (after any earlier abandoned call was ended). */
  void awaitResponse() {
    AWAITING_RESPONSE.set(this);
  }

  void end(Integer status) {
    if (ended.compareAndSet(false, true)) {
      instrumenter.end(context, request, status, null);
      if (AWAITING_RESPONSE.get() == this) {
        AWAITING_RESPONSE.remove();
      }
    }
  }

  /** Ends, as failed, the call this thread sent whose response never came. */
  public static void endAbandonedOnThisThread() {
    ClientCall call = AWAITING_RESPONSE.get();
    if (call != null) {
      AWAITING_RESPONSE.remove();
      if (call.ended.compareAndSet(false, true)) {
        call.instrumenter.end(call.context, call.request, null, NoResponse.INSTANCE);
      }
    }
  }

  /** Stands for the exception JAX-RS gave the application, which no filter can see. */
  static final class NoResponse extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final NoResponse INSTANCE = new NoResponse();

    private NoResponse() {
      super("the call failed before a response arrived (connection refused, reset or timed out)", null, false, false);
    }
  }
}
