package dev.tracegate.internal.mptelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

class CurrentSpanTest {
  private final InMemorySpanExporter exported = InMemorySpanExporter.create();
  private final Tracer tracer =
      SdkTracerProvider.builder()
          .addSpanProcessor(SimpleSpanProcessor.create(exported))
          .build()
          .get("test");

  @Test
  void theInjectedSpanIsTheSpanCurrentAtEachCall() {
    Span outer = tracer.spanBuilder("outer").startSpan();
    Span inner = tracer.spanBuilder("inner").startSpan();
    assertFalse(CurrentSpan.INSTANCE.getSpanContext().isValid(), "no span is current yet");
    try (Scope outerScope = outer.makeCurrent()) {
      assertEquals(outer.getSpanContext(), CurrentSpan.INSTANCE.getSpanContext());
      try (Scope innerScope = inner.makeCurrent()) {
        assertEquals(inner.getSpanContext(), CurrentSpan.INSTANCE.getSpanContext());
      }
      assertEquals(outer.getSpanContext(), CurrentSpan.INSTANCE.getSpanContext());
    }
    assertFalse(CurrentSpan.INSTANCE.getSpanContext().isValid());
  }

  @Test
  void attributesAndEndGoToTheCurrentSpan() {
    Span span = tracer.spanBuilder("current").startSpan();
    try (Scope scope = span.makeCurrent()) {
      CurrentSpan.INSTANCE.setAttribute("tck.key", "value");
      CurrentSpan.INSTANCE.end();
    }
    assertEquals(
        "value",
        exported
            .getFinishedSpanItems()
            .get(0)
            .getAttributes()
            .get(AttributeKey.stringKey("tck.key")));
  }

  @Test
  void aContextBuiltWithTheInjectedSpanHoldsTheSpanItself() {
    Span span = tracer.spanBuilder("parent").startSpan();
    Context built;
    try (Scope scope = span.makeCurrent()) {
      built = Context.root().with(CurrentSpan.INSTANCE);
    }
    assertSame(
        span,
        Span.fromContext(built),
        "later changes of the current span must not change this context");
  }

  @Test
  void theInjectedBaggageIsTheBaggageCurrentAtEachCall() {
    Baggage first = Baggage.builder().put("key", "first").build();
    Baggage second = Baggage.builder().put("key", "second").build();
    try (Scope firstScope = first.makeCurrent()) {
      assertEquals("first", CurrentBaggage.INSTANCE.getEntryValue("key"));
      try (Scope secondScope = second.makeCurrent()) {
        assertEquals("second", CurrentBaggage.INSTANCE.getEntryValue("key"));
        assertSame(second, Baggage.fromContext(Context.root().with(CurrentBaggage.INSTANCE)));
      }
      assertEquals(1, CurrentBaggage.INSTANCE.size());
    }
    assertEquals(null, CurrentBaggage.INSTANCE.getEntryValue("key"));
  }
}
