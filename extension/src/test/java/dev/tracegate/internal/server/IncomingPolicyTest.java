package dev.tracegate.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegate.internal.config.IncomingContext;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.AbstractMap.SimpleEntry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each {@code tracing.incoming} mode takes from a caller, and what it leaves out. */
class IncomingPolicyTest {
  private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  private static final String SPAN_ID = "b7ad6b7169203331";
  private static final TextMapPropagator PROPAGATORS =
      TextMapPropagator.composite(
          W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance());
  private static final ServerRequest CALLER =
      ReceivedHeaders.request(
          List.of(
              new SimpleEntry<>("traceparent", "00-" + TRACE_ID + "-" + SPAN_ID + "-01"),
              new SimpleEntry<>("tracestate", "probe=1"),
              new SimpleEntry<>("baggage", "user=mallory")));

  private static IncomingPolicy.Incoming read(IncomingContext mode, ServerRequest request) {
    return new IncomingPolicy(mode, PROPAGATORS).read(request);
  }

  @Test
  void trustContinuesTheCallersTraceWithItsTracestateAndBaggage() {
    IncomingPolicy.Incoming incoming = read(IncomingContext.TRUST, CALLER);
    SpanContext parent = Span.fromContext(incoming.parent()).getSpanContext();
    assertEquals(TRACE_ID, parent.getTraceId());
    assertEquals(SPAN_ID, parent.getSpanId());
    assertTrue(parent.isSampled());
    assertEquals("1", parent.getTraceState().get("probe"));
    assertEquals("mallory", Baggage.fromContext(incoming.parent()).getEntryValue("user"));
    assertNull(incoming.link());
  }

  @Test
  void restartKeepsNothingOfTheCallerButALink() {
    IncomingPolicy.Incoming incoming = read(IncomingContext.RESTART, CALLER);
    assertSame(
        Context.root(),
        incoming.parent(),
        "no trace id, sampled flag, tracestate or baggage of the caller");
    assertEquals(TRACE_ID, incoming.link().getTraceId());
    assertEquals(SPAN_ID, incoming.link().getSpanId());
  }

  @Test
  void restartWithoutAValidTraceparentHasNoLink() {
    IncomingPolicy.Incoming incoming =
        read(
            IncomingContext.RESTART,
            ReceivedHeaders.request(
                List.of(
                    new SimpleEntry<>("traceparent", "garbage"),
                    new SimpleEntry<>("baggage", "a=1"))));
    assertSame(Context.root(), incoming.parent());
    assertNull(incoming.link());
  }

  @Test
  void ignoreSampledContinuesTheTraceButItsSamplerIgnoresTheCallersFlag() {
    IncomingPolicy.Incoming incoming = read(IncomingContext.IGNORE_SAMPLED, CALLER);
    assertEquals(TRACE_ID, Span.fromContext(incoming.parent()).getSpanContext().getTraceId());
    assertNull(incoming.link());
    assertTrue(IncomingPolicy.ignoresRemoteSampledFlag(IncomingContext.IGNORE_SAMPLED));
    assertFalse(IncomingPolicy.ignoresRemoteSampledFlag(IncomingContext.TRUST));
    assertFalse(IncomingPolicy.ignoresRemoteSampledFlag(IncomingContext.RESTART));
  }

  @Test
  void nothingLeftOnTheThreadBecomesAParent() {
    Span leftover =
        Span.wrap(
            SpanContext.create(
                "11111111111111111111111111111111",
                "2222222222222222",
                io.opentelemetry.api.trace.TraceFlags.getSampled(),
                io.opentelemetry.api.trace.TraceState.getDefault()));
    try (var ignored = Context.root().with(leftover).makeCurrent()) {
      for (IncomingContext mode : IncomingContext.values()) {
        Context parent = read(mode, ReceivedHeaders.request(List.of())).parent();
        assertFalse(Span.fromContext(parent).getSpanContext().isValid(), mode.value());
      }
    }
  }

  @Test
  void everyModeIsCovered() {
    assertEquals(
        Map.of("trust", 1, "restart", 1, "ignore-sampled", 1),
        java.util.Arrays.stream(IncomingContext.values())
            .collect(java.util.stream.Collectors.toMap(IncomingContext::value, m -> 1)),
        "a new mode needs its own test here");
  }
}
