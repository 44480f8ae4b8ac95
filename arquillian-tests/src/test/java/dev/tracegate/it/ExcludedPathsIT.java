package dev.tracegate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegate.it.Http.Traceparent;
import dev.tracegate.it.OtlpReceiver.ReceivedSpan;
import dev.tracegate.it.app.EchoResource;
import dev.tracegate.it.app.HealthResource;
import dev.tracegate.it.app.TestApplication;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code tracing.exclude_paths}, matched after the context root (here under the JAX-RS application
 * path {@code /api}): no SERVER span for excluded requests, but the trace still goes downstream.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ExcludedPathsIT {
  private static final String APP = "excluded-paths";

  @ArquillianResource private URL base;

  @Deployment(testable = false)
  static WebArchive application() {
    return TestServer.war(
        APP,
        Map.of("tracing.random_sampling", "100", "tracing.exclude_paths", "/api/health*"),
        TestApplication.class,
        HealthResource.class,
        EchoResource.class);
  }

  private String url(String path) {
    return base + "api/" + path;
  }

  @Test
  void excludedRequestRecordsNoSpanWhileOthersAreTraced() {
    String excludedTrace = TracingIT.randomHex(32);
    assertEquals(
        200,
        Http.get(url("health"), "traceparent", traceparent(excludedTrace, TracingIT.randomHex(16)))
            .statusCode());
    String tracedTrace = TracingIT.randomHex(32);
    assertEquals(
        200,
        Http.get(url("echo"), "traceparent", traceparent(tracedTrace, TracingIT.randomHex(16)))
            .statusCode());

    // Spans are exported in the order they end: once the later request's span is here, an excluded
    // one would be too.
    TracingIT.single(
        OtlpReceiver.shared().awaitTrace(tracedTrace, 1),
        SpanKind.SPAN_KIND_SERVER,
        "GET /" + APP + "/api/echo");
    assertEquals(
        List.of(),
        OtlpReceiver.shared().spans().stream()
            .filter(span -> span.traceId().equals(excludedTrace))
            .toList());
  }

  @Test
  void excludedRequestForwardsCallersTraceDownstream() {
    String traceId = TracingIT.randomHex(32);
    String callerSpanId = TracingIT.randomHex(16);
    HttpResponse<String> response =
        Http.get(
            url("health/dependency?to=" + url("echo")),
            "traceparent",
            traceparent(traceId, callerSpanId));
    assertEquals(200, response.statusCode(), response.body());
    Traceparent forwarded = Http.echoedTraceparent(response.body(), 0);
    assertEquals(
        traceId, forwarded.traceId(), "the caller's trace goes on through the excluded request");

    List<ReceivedSpan> trace = OtlpReceiver.shared().awaitTrace(traceId, 2);
    ReceivedSpan client = TracingIT.single(trace, SpanKind.SPAN_KIND_CLIENT, "GET");
    assertEquals(
        callerSpanId,
        client.parentSpanId(),
        "the outbound call hangs from the caller's span: no span in between");
    assertEquals(client.spanId(), forwarded.parentId());
    ReceivedSpan downstream =
        TracingIT.single(trace, SpanKind.SPAN_KIND_SERVER, "GET /" + APP + "/api/echo");
    assertEquals(client.spanId(), downstream.parentSpanId());
    assertEquals(2, trace.size(), "no SERVER span for the excluded request: " + trace);
  }

  @Test
  void excludedRequestWithoutTraceparentStillForwardsOne() {
    HttpResponse<String> response = Http.get(url("health/dependency?to=" + url("echo")));
    assertEquals(200, response.statusCode(), response.body());
    Traceparent forwarded = Http.echoedTraceparent(response.body(), 0);

    List<ReceivedSpan> trace = OtlpReceiver.shared().awaitTrace(forwarded.traceId(), 2);
    ReceivedSpan client = TracingIT.single(trace, SpanKind.SPAN_KIND_CLIENT, "GET");
    assertEquals("", client.parentSpanId(), "the outbound call starts the trace");
    assertTrue(forwarded.sampled());
  }

  static String traceparent(String traceId, String spanId) {
    return "00-" + traceId + "-" + spanId + "-01";
  }
}
