package dev.tracegate.internal.mptelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.tracegate.DeployedApplication;
import dev.tracegate.ExportedSpans;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

/** The beans a MicroProfile Telemetry application injects, in-process on Weld. */
@EnableWeld
class TelemetryBeansTest {

  /** An application bean injected once, as a JAX-RS resource or a singleton would be. */
  @Dependent
  public static class Checkout {
    @Inject OpenTelemetry openTelemetry;
    @Inject Tracer tracer;
    @Inject Span span;
    @Inject Baggage baggage;
  }

  @WeldSetup
  WeldInitiator weld = WeldInitiator.from(DeployedApplication.with(Checkout.class)).build();

  @Inject Checkout checkout;

  @Test
  void theInjectedOpenTelemetryIsTheApplicationsSdk() {
    assertSame(DeployedApplication.tracing().sdk(), checkout.openTelemetry);
  }

  @Test
  void theInjectedTracerRecordsWithTheApplicationsSdkUnderTheMicroProfileTelemetryScope() {
    checkout.tracer.spanBuilder("pay").startSpan().end();

    List<SpanData> spans = ExportedSpans.ofCurrentApplication();
    assertEquals(1, spans.size());
    assertEquals("pay", spans.get(0).getName());
    assertEquals(
        TelemetryBeans.INSTRUMENTATION_NAME, spans.get(0).getInstrumentationScopeInfo().getName());
  }

  @Test
  void theInjectedSpanActsOnTheSpanCurrentAtEachCall() {
    Span first = checkout.tracer.spanBuilder("first").startSpan();
    Span second = checkout.tracer.spanBuilder("second").startSpan();
    try (Scope outer = first.makeCurrent()) {
      assertEquals(first.getSpanContext(), checkout.span.getSpanContext());
      try (Scope inner = second.makeCurrent()) {
        checkout.span.setAttribute("checkout.step", "payment");
        assertEquals(second.getSpanContext(), checkout.span.getSpanContext());
      }
    }
    first.end();
    second.end();

    List<SpanData> spans = ExportedSpans.ofCurrentApplication();
    assertEquals("payment", attribute(spans, "second"));
    assertNull(attribute(spans, "first"));
    assertFalse(checkout.span.getSpanContext().isValid(), "no span is current any more");
  }

  @Test
  void theInjectedBaggageIsTheBaggageCurrentAtEachCall() {
    try (Scope outer = Baggage.builder().put("tenant", "acme").build().makeCurrent()) {
      assertEquals("acme", checkout.baggage.getEntryValue("tenant"));
      try (Scope inner = Baggage.builder().put("tenant", "globex").build().makeCurrent()) {
        assertEquals("globex", checkout.baggage.getEntryValue("tenant"));
      }
    }
    assertNull(checkout.baggage.getEntryValue("tenant"));
  }

  private static String attribute(List<SpanData> spans, String spanName) {
    return spans.stream()
        .filter(span -> span.getName().equals(spanName))
        .findFirst()
        .orElseThrow()
        .getAttributes()
        .get(AttributeKey.stringKey("checkout.step"));
  }
}
