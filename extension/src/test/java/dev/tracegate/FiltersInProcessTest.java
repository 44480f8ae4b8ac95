package dev.tracegate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegate.internal.jaxrs.ClientTracingFilter;
import dev.tracegate.internal.jaxrs.ServerTracingFilter;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.enterprise.context.Dependent;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.List;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

/**
 * A request's one-way path through the filters, in-process with the application's tracing from its
 * CDI container: server filter, span current in the application, client filter and the headers it
 * sends, response filters ending the spans.
 */
@EnableWeld
class FiltersInProcessTest {
  private static final String CALLER_TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  private static final String CALLER_SPAN_ID = "b7ad6b7169203331";
  private static final String CALLER_TRACEPARENT =
      "00-" + CALLER_TRACE_ID + "-" + CALLER_SPAN_ID + "-01";

  /**
   * The application; its tracing comes from the test classpath's microprofile-config.properties.
   */
  @Dependent
  static class Application {}

  @WeldSetup
  WeldInitiator weld = WeldInitiator.from(DeployedApplication.with(Application.class)).build();

  private final ServerTracingFilter server = new ServerTracingFilter();
  private final ClientTracingFilter client = new ClientTracingFilter();

  @Test
  void theServerSpanContinuesTheCallersTraceAndTheClientCallMadeInItCarriesIt() {
    ContainerRequestContext request =
        JaxRsContexts.incoming("GET", "http://127.0.0.1:9080/shop/api/orders/42")
            .base("http://127.0.0.1:9080/shop/api/")
            .header("traceparent", CALLER_TRACEPARENT)
            .context();

    server.filter(request);
    ClientRequestContext call =
        JaxRsContexts.outgoing("POST", "http://127.0.0.1:9081/payments/verify");
    client.filter(call);
    client.filter(call, JaxRsContexts.outgoingResponse(200));
    server.filter(request, JaxRsContexts.response(200));

    List<SpanData> spans = ExportedSpans.ofCurrentApplication();
    SpanData serverSpan = ofKind(spans, SpanKind.SERVER);
    SpanData clientSpan = ofKind(spans, SpanKind.CLIENT);
    assertEquals(CALLER_TRACE_ID, serverSpan.getTraceId());
    assertEquals(CALLER_SPAN_ID, serverSpan.getParentSpanId());
    assertEquals(serverSpan.getSpanId(), clientSpan.getParentSpanId());
    assertEquals(
        "00-" + CALLER_TRACE_ID + "-" + clientSpan.getSpanId() + "-01",
        call.getHeaders().getFirst("traceparent"));
    assertFalse(
        Span.current().getSpanContext().isValid(), "nothing stays current after the response");
  }

  @Test
  void anExcludedPathGetsNoSpanButItsClientCallsGoOnWithTheCallersTrace() {
    ContainerRequestContext request =
        JaxRsContexts.incoming("GET", "http://127.0.0.1:9080/health")
            .header("traceparent", CALLER_TRACEPARENT)
            .context();

    server.filter(request);
    ClientRequestContext call = JaxRsContexts.outgoing("GET", "http://127.0.0.1:9081/ready");
    client.filter(call);
    client.filter(call, JaxRsContexts.outgoingResponse(200));
    server.filter(request, JaxRsContexts.response(200));

    List<SpanData> spans = ExportedSpans.ofCurrentApplication();
    assertEquals(1, spans.size(), spans::toString);
    SpanData clientSpan = ofKind(spans, SpanKind.CLIENT);
    assertEquals(CALLER_TRACE_ID, clientSpan.getTraceId());
    assertEquals(CALLER_SPAN_ID, clientSpan.getParentSpanId());
  }

  @Test
  void aRequestWithoutTraceparentStartsANewSampledTrace() {
    ContainerRequestContext request =
        JaxRsContexts.incoming("GET", "http://127.0.0.1:9080/orders").context();

    server.filter(request);
    server.filter(request, JaxRsContexts.response(204));

    SpanData serverSpan = ofKind(ExportedSpans.ofCurrentApplication(), SpanKind.SERVER);
    assertFalse(serverSpan.getParentSpanContext().isValid());
    assertTrue(serverSpan.getSpanContext().isSampled(), "tracing.random_sampling=100");
  }

  @Test
  void afterAnAsyncResponseIsSentTheRequestThreadNoLongerCarriesTheRequestsTrace()
      throws InterruptedException {
    ContainerRequestContext request =
        JaxRsContexts.incoming("GET", "http://127.0.0.1:9080/orders/async")
            .header("traceparent", CALLER_TRACEPARENT)
            .context();
    server.filter(request);
    ClientRequestContext callBeforeTheResponse =
        JaxRsContexts.outgoing("GET", "http://127.0.0.1:9081/stock");
    client.filter(callBeforeTheResponse);
    client.filter(callBeforeTheResponse, JaxRsContexts.outgoingResponse(200));

    // The resource method returned a CompletionStage.
    respondOnAnotherThread(request);

    // The pooled request thread now serves something that is no JAX-RS request (a servlet).
    ClientRequestContext laterCall = JaxRsContexts.outgoing("GET", "http://127.0.0.1:9081/health");
    client.filter(laterCall);
    client.filter(laterCall, JaxRsContexts.outgoingResponse(200));

    assertTrue(
        callBeforeTheResponse
            .getHeaders()
            .getFirst("traceparent")
            .toString()
            .contains(CALLER_TRACE_ID),
        "a call made while the request is going on continues its trace");
    String laterTraceparent = laterCall.getHeaders().getFirst("traceparent").toString();
    assertFalse(
        laterTraceparent.contains(CALLER_TRACE_ID),
        "a later call on the thread continues an answered request's trace: " + laterTraceparent);
    assertFalse(
        Span.current().getSpanContext().isValid(),
        "the answered request's span is still current on its thread");
    SpanData laterClientSpan =
        ExportedSpans.ofCurrentApplication().stream()
            .filter(span -> span.getAttributes().toString().contains("/health"))
            .findFirst()
            .orElseThrow();
    assertFalse(laterClientSpan.getParentSpanContext().isValid(), laterClientSpan::toString);
  }

  @Test
  void baggageAServletMakesCurrentAfterAnAsyncResponseGoesOutWithoutTheAnsweredRequestsTrace()
      throws InterruptedException {
    ContainerRequestContext request = asyncRequestWithBaggage();
    server.filter(request);
    respondOnAnotherThread(request);

    // A servlet on the pooled request thread makes its own baggage current, then calls out.
    ClientRequestContext laterCall = JaxRsContexts.outgoing("GET", "http://127.0.0.1:9081/stock");
    try (Scope ownBaggage = Baggage.builder().put("tenant", "blue").build().makeCurrent()) {
      client.filter(laterCall);
      client.filter(laterCall, JaxRsContexts.outgoingResponse(200));
    }

    String laterTraceparent = laterCall.getHeaders().getFirst("traceparent").toString();
    assertFalse(laterTraceparent.contains(CALLER_TRACE_ID), laterTraceparent);
    assertEquals("tenant=blue", laterCall.getHeaders().getFirst("baggage"));
    // Once the servlet's own scope is closed, the next JAX-RS request closes the answered one's.
    ContainerRequestContext next =
        JaxRsContexts.incoming("GET", "http://127.0.0.1:9080/ping").context();
    server.filter(next);
    server.filter(next, JaxRsContexts.response(200));
    assertFalse(Span.current().getSpanContext().isValid(), "a request's span stays current");
    assertTrue(Baggage.current().isEmpty(), "a request's baggage stays current");
  }

  @Test
  void theInjectedSpanAndBaggageAreNotAnAnsweredAsyncRequestsOnItsThread()
      throws InterruptedException {
    Span injectedSpan = weld.select(Span.class).get();
    Baggage injectedBaggage = weld.select(Baggage.class).get();
    ContainerRequestContext request = asyncRequestWithBaggage();
    server.filter(request);
    assertEquals(CALLER_TRACE_ID, injectedSpan.getSpanContext().getTraceId());
    assertEquals("secret", injectedBaggage.getEntryValue("caller"));
    respondOnAnotherThread(request);

    // A servlet later served on the pooled request thread, with the beans injected.
    assertFalse(
        injectedSpan.getSpanContext().isValid(),
        "the injected Span is an answered request's: " + injectedSpan.getSpanContext());
    assertTrue(injectedBaggage.isEmpty(), "the injected Baggage is an answered request's");
  }

  private static ContainerRequestContext asyncRequestWithBaggage() {
    return JaxRsContexts.incoming("GET", "http://127.0.0.1:9080/orders/async")
        .header("traceparent", CALLER_TRACEPARENT)
        .header("baggage", "caller=secret")
        .context();
  }

  /** As an async resource's response is sent: by another thread than the request's. */
  private void respondOnAnotherThread(ContainerRequestContext request) throws InterruptedException {
    Thread responder = new Thread(() -> server.filter(request, JaxRsContexts.response(200)));
    responder.start();
    responder.join();
  }

  private static SpanData ofKind(List<SpanData> spans, SpanKind kind) {
    List<SpanData> ofKind = spans.stream().filter(span -> span.getKind() == kind).toList();
    assertEquals(1, ofKind.size(), spans::toString);
    return ofKind.get(0);
  }
}
