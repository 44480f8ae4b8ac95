package dev.tracegate.internal.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegate.DeployedApplication;
import dev.tracegate.ExportedSpans;
import dev.tracegate.internal.mptelemetry.TelemetryBeans;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.ErrorAttributes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

/** MicroProfile Telemetry's {@code @WithSpan} on CDI beans, intercepted in-process on Weld. */
@EnableWeld
class WithSpanInterceptorTest {

  @ApplicationScoped
  public static class Orders {
    @WithSpan
    public SpanContext reserve() {
      return Span.current().getSpanContext();
    }

    @WithSpan(value = "inventory lookup", kind = SpanKind.CLIENT)
    public void lookup(
        @SpanAttribute("order.id") long id,
        @SpanAttribute("order.express") boolean express,
        @SpanAttribute("order.weight") double weight,
        @SpanAttribute("order.region") String region,
        @SpanAttribute("order.note") String note,
        String unrecorded) {}

    @WithSpan(inheritContext = false)
    public void nightlyReport() {}

    @WithSpan
    public void ship() {
      // As when a method joins work it handed to another thread.
      throw new CompletionException(new IllegalStateException("out of stock"));
    }

    @WithSpan
    public CompletionStage<String> confirmWhenPaid(CompletableFuture<String> payment) {
      return payment.thenApply(receipt -> "confirmed " + receipt);
    }
  }

  @WeldSetup
  WeldInitiator weld = WeldInitiator.from(DeployedApplication.with(Orders.class)).build();

  @Inject Orders orders;
  @Inject Tracer tracer;

  @Test
  void theSpanIsNamedClassDotMethodByDefaultAndIsInternal() {
    orders.reserve();

    SpanData span = ExportedSpans.only();
    assertEquals("Orders.reserve", span.getName());
    assertEquals(SpanKind.INTERNAL, span.getKind());
    assertEquals(TelemetryBeans.INSTRUMENTATION_NAME, span.getInstrumentationScopeInfo().getName());
  }

  @Test
  void theAnnotationsValueAndKindNameTheSpan() {
    orders.lookup(42, true, 1.5, "eu", "fragile", "x");

    SpanData span = ExportedSpans.only();
    assertEquals("inventory lookup", span.getName());
    assertEquals(SpanKind.CLIENT, span.getKind());
  }

  @Test
  void spanAttributeParametersBecomeAttributesOfTheirType() {
    orders.lookup(42, true, 1.5, "eu", null, "not recorded");

    Map<AttributeKey<?>, Object> attributes = ExportedSpans.only().getAttributes().asMap();
    assertEquals(
        Map.of(
            AttributeKey.longKey("order.id"),
            42L,
            AttributeKey.booleanKey("order.express"),
            true,
            AttributeKey.doubleKey("order.weight"),
            1.5,
            AttributeKey.stringKey("order.region"),
            "eu"),
        attributes,
        "null and unannotated arguments are left out");
  }

  @Test
  void theSpanIsAChildOfTheCurrentSpanAndCurrentWhileTheMethodRuns() {
    Span request = tracer.spanBuilder("request").startSpan();
    SpanContext currentInside;
    try (Scope scope = request.makeCurrent()) {
      currentInside = orders.reserve();
    } finally {
      request.end();
    }

    SpanData span = ExportedSpans.named("Orders.reserve");
    assertEquals(request.getSpanContext().getSpanId(), span.getParentSpanId());
    assertEquals(span.getSpanContext(), currentInside);
  }

  @Test
  void inheritContextFalseStartsANewTrace() {
    Span request = tracer.spanBuilder("request").startSpan();
    try (Scope scope = request.makeCurrent()) {
      orders.nightlyReport();
    } finally {
      request.end();
    }

    SpanData span = ExportedSpans.named("Orders.nightlyReport");
    assertFalse(span.getParentSpanContext().isValid());
    assertNotEquals(request.getSpanContext().getTraceId(), span.getTraceId());
  }

  @Test
  void anExceptionIsRecordedUnwrappedWithItsTypeAndErrorStatusAndRethrownAsItWas() {
    assertThrows(CompletionException.class, orders::ship);

    SpanData span = ExportedSpans.only();
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertEquals("out of stock", span.getStatus().getDescription());
    assertEquals(
        IllegalStateException.class.getName(),
        span.getAttributes().get(ErrorAttributes.ERROR_TYPE));
    assertEquals(
        List.of(IllegalStateException.class.getName()), ExportedSpans.exceptionTypes(span));
  }

  @Test
  void aReturnedStageEndsTheSpanWhenItCompletes() {
    CompletableFuture<String> payment = new CompletableFuture<>();
    CompletionStage<String> confirmation = orders.confirmWhenPaid(payment);
    assertTrue(
        ExportedSpans.ofCurrentApplication().isEmpty(), "no span ends before the stage completes");

    payment.complete("r-17");

    assertEquals("confirmed r-17", confirmation.toCompletableFuture().join());
    assertEquals(StatusCode.UNSET, ExportedSpans.only().getStatus().getStatusCode());
  }

  @Test
  void aStageThatFailsEndsTheSpanWithTheUnwrappedError() {
    CompletableFuture<String> payment = new CompletableFuture<>();
    orders.confirmWhenPaid(payment);

    payment.completeExceptionally(new IllegalArgumentException("card declined"));

    SpanData span = ExportedSpans.only();
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertEquals("card declined", span.getStatus().getDescription());
    assertEquals(
        IllegalArgumentException.class.getName(),
        span.getAttributes().get(ErrorAttributes.ERROR_TYPE));
  }
}
