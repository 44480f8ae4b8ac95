package dev.tracegate.internal.client;

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
    Sent sent = sentCall();
    sent.call().end(200);
    assertTrue(collected(sent.span()), "the span is still reachable from the ended call");
    Reference.reachabilityFence(sent);
  }

  @Test
  void callAbandonedWithoutResponseLetsGoOfItsSpan() {
    Sent sent = sentCall();
    ClientCall.endAbandonedOnThisThread();
    assertTrue(collected(sent.span()), "the span is still reachable from the abandoned call");
    Reference.reachabilityFence(sent);
  }

  /** A call that was sent, and its span, reachable only through the call. */
  private record Sent(ClientCall call, WeakReference<Span> span) {}

  private static Sent sentCall() {
    // A new object, not an SDK span: the SDK's processor would hold an SDK span.
    Span span =
        Span.wrap(
            SpanContext.create(
                "0af7651916cd43dd8448eb211c80319c",
                "b7ad6b7169203331",
                TraceFlags.getSampled(),
                TraceState.getDefault()));
    ClientCall call = new ClientCall(span);
    call.awaitResponse();
    return new Sent(call, new WeakReference<>(span));
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
