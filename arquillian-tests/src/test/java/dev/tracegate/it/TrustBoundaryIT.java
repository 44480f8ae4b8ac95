package dev.tracegate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegate.it.Http.Traceparent;
import dev.tracegate.it.OtlpReceiver.ReceivedSpan;
import dev.tracegate.it.app.CallResource;
import dev.tracegate.it.app.EchoResource;
import dev.tracegate.it.app.TestApplication;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code tracing.incoming}: how an edge service treats the trace context untrusted callers send.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TrustBoundaryIT {

  @ArquillianResource
  @OperateOnDeployment("restart")
  private URL restart;

  @ArquillianResource
  @OperateOnDeployment("ignore-sampled")
  private URL ignoreSampled;

  @Deployment(name = "restart", testable = false)
  static WebArchive restarting() {
    return TestServer.war(
        "incoming-restart",
        Map.of("tracing.random_sampling", "100", "tracing.incoming", "restart"),
        TestApplication.class,
        EchoResource.class,
        CallResource.class);
  }

  @Deployment(name = "ignore-sampled", testable = false)
  static WebArchive ignoringSampledFlag() {
    return TestServer.war(
        "incoming-ignore-sampled",
        Map.of("tracing.random_sampling", "0", "tracing.incoming", "ignore-sampled"),
        TestApplication.class,
        EchoResource.class,
        CallResource.class);
  }

  @Test
  void restartStartsNewTraceAndLinksTheCallersSpan() {
    String callerTraceId = TracingIT.randomHex(32);
    String callerSpanId = TracingIT.randomHex(16);
    String api = restart + "api/";
    HttpResponse<String> response =
        Http.post(
            api + "call",
            api + "echo",
            "traceparent",
            "00-" + callerTraceId + "-" + callerSpanId + "-01",
            "tracestate",
            "vendor=untrusted");
    assertEquals(200, response.statusCode());
    Traceparent forwarded = Http.echoedTraceparent(response.body(), 0);
    assertNotEquals(callerTraceId, forwarded.traceId(), "a new trace");
    assertTrue(
        response.body().contains("tracestate=null"),
        "the caller's tracestate is not forwarded: " + response.body());

    ReceivedSpan server =
        TracingIT.single(
            OtlpReceiver.shared().awaitTrace(forwarded.traceId(), 3),
            SpanKind.SPAN_KIND_SERVER,
            "POST /incoming-restart/api/call");
    assertEquals("", server.parentSpanId());
    assertEquals(1, server.span().getLinksCount(), "the caller's span is linked");
    assertEquals(callerTraceId, OtlpReceiver.hex(server.span().getLinks(0).getTraceId()));
    assertEquals(callerSpanId, OtlpReceiver.hex(server.span().getLinks(0).getSpanId()));
  }

  @Test
  void restartWithoutValidTraceparentHasNoLink() {
    String api = restart + "api/";
    Traceparent forwarded =
        Http.echoedTraceparent(
            Http.post(api + "call", api + "echo", "traceparent", "garbage").body(), 0);
    ReceivedSpan server =
        TracingIT.single(
            OtlpReceiver.shared().awaitTrace(forwarded.traceId(), 3),
            SpanKind.SPAN_KIND_SERVER,
            "POST /incoming-restart/api/call");
    assertEquals(0, server.span().getLinksCount());
  }

  @Test
  void ignoreSampledKeepsTraceIdButAppliesOwnSampling() {
    String callerTraceId = TracingIT.randomHex(32);
    String api = ignoreSampled + "api/";
    HttpResponse<String> response =
        Http.post(
            api + "call",
            api + "echo",
            "traceparent",
            "00-" + callerTraceId + "-" + TracingIT.randomHex(16) + "-01");
    assertEquals(200, response.statusCode());
    Traceparent forwarded = Http.echoedTraceparent(response.body(), 0);
    assertEquals(callerTraceId, forwarded.traceId(), "the trace id is kept");
    assertFalse(forwarded.sampled(), "0 % applies despite the caller's sampled flag");
    assertEquals(
        List.of(),
        OtlpReceiver.shared()
            .settle(span -> span.traceId().equals(callerTraceId), Duration.ofSeconds(1)));
  }
}
