package dev.tracegate.client;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import org.junit.jupiter.api.Test;

/**
 * A call outlives its span: RESTEasy keeps the request's properties, the call among them, until its
 * finalizable client response is finalized, so an ended call must not keep its span reachable.
 */
class ClientCallTest {
  @Test
  void endedCallLetsGoOfItsSpan() {
    Span strong = newSpan();
    WeakReference<Span> span = new WeakReference<>(strong);
    ClientCall call = new ClientCall(strong);
    strong = null;
    call.awaitResponse();
    call.end(200);
    assertTrue(collected(span), "the span is still reachable from the ended call");
    Reference.reachabilityFence(call);
  }

  @Test
  void callAbandonedWithoutResponseLetsGoOfItsSpan() {
    Span strong = newSpan();
    WeakReference<Span> span = new WeakReference<>(strong);
    ClientCall call = new ClientCall(strong);
    strong = null;
    call.awaitResponse();
    ClientCall.endAbandonedOnThisThread();
    assertTrue(collected(span), "the span is still reachable from the abandoned call");
    Reference.reachabilityFence(call);
  }

  private static Span newSpan() {
    // A new object each time, reachable only through the call (not an SDK span: its processor would hold it).
    return Span.wrap(SpanContext.create("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
        TraceFlags.getSampled(), TraceState.getDefault()));
  }

  private static boolean collected(WeakReference<?> reference) {
    for (int i = 0; i < 50 && reference.get() != null; i++) {
      System.gc();
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return reference.get() == null;
  }
}
