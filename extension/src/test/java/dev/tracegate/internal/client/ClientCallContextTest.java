package dev.tracegate.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.tracegate.internal.propagation.W3CBaggage;
import dev.tracegate.internal.propagation.W3CTraceContext;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.extension.trace.propagation.B3Propagator;
import io.opentelemetry.extension.trace.propagation.JaegerPropagator;
import io.opentelemetry.extension.trace.propagation.OtTracePropagator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A call stands for {@code parent.with(span)} when its headers are written: every propagator must
 * read from it what it reads from that context.
 */
class ClientCallContextTest {
  private static final ContextKey<String> APPLICATION_KEY = ContextKey.named("application");

  private static final Span SERVER =
      span("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", TraceState.getDefault());
  private static final Span CLIENT =
      span(
          "0af7651916cd43dd8448eb211c80319c",
          "00f067aa0ba902b7",
          TraceState.builder().put("vendor", "opaque").build());
  private static final Baggage BAGGAGE =
      Baggage.builder().put("customer", "C-1042").put("tier", "gold").build();
  private static final Context PARENT =
      Context.root().with(SERVER).with(BAGGAGE).with(APPLICATION_KEY, "shop");

  private static Span span(String traceId, String spanId, TraceState state) {
    return Span.wrap(SpanContext.create(traceId, spanId, TraceFlags.getSampled(), state));
  }

  private static Map<String, String> injected(TextMapPropagator propagator, Context context) {
    Map<String, String> headers = new LinkedHashMap<>();
    propagator.inject(context, headers, Map::put);
    return headers;
  }

  @Test
  void callIsTheContextItsHeadersAreWrittenFrom() {
    ClientCall call = new ClientCall(PARENT, CLIENT);
    assertSame(call, call.withSpan(), "the parent's entries copied for the call");
  }

  @Test
  void callHoldsItsSpanAndEverythingItsParentHolds() {
    Context call = new ClientCall(PARENT, CLIENT).withSpan();
    assertSame(CLIENT, Span.fromContext(call));
    assertSame(BAGGAGE, Baggage.fromContext(call));
    assertEquals("shop", call.get(APPLICATION_KEY));
  }

  @Test
  void contextBuiltOnACallKeepsTheCallsSpanAndParent() {
    ContextKey<String> added = ContextKey.named("added");
    Context built = new ClientCall(PARENT, CLIENT).withSpan().with(added, "value");
    assertSame(CLIENT, Span.fromContext(built));
    assertSame(BAGGAGE, Baggage.fromContext(built));
    assertEquals("shop", built.get(APPLICATION_KEY));
    assertEquals("value", built.get(added));
  }

  @Test
  void everyPropagatorWritesFromTheCallWhatItWritesFromTheParentWithTheSpan() {
    for (TextMapPropagator propagator :
        new TextMapPropagator[] {
          W3CTraceContext.getInstance(),
          W3CBaggage.getInstance(),
          B3Propagator.injectingSingleHeader(),
          B3Propagator.injectingMultiHeaders(),
          JaegerPropagator.getInstance(),
          OtTracePropagator.getInstance()
        }) {
      Map<String, String> expected = injected(propagator, PARENT.with(CLIENT));
      assertEquals(
          expected,
          injected(propagator, new ClientCall(PARENT, CLIENT).withSpan()),
          propagator.toString());
    }
    assertEquals(
        "00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b7-01",
        injected(W3CTraceContext.getInstance(), new ClientCall(PARENT, CLIENT).withSpan())
            .get("traceparent"));
  }

  @Test
  void endedCallHoldsNothing() {
    ClientCall call = new ClientCall(PARENT, CLIENT);
    call.end(200);
    assertNull(Span.fromContextOrNull(call));
    assertNull(call.get(APPLICATION_KEY));
  }
}
