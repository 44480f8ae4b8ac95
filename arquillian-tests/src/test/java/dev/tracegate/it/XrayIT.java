package dev.tracegate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegate.it.OtlpReceiver.ReceivedSpan;
import dev.tracegate.it.app.CallResource;
import dev.tracegate.it.app.EchoResource;
import dev.tracegate.it.app.TestApplication;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * AWS X-Ray: with {@code tracing.id_generator=xray} new traces start with the epoch seconds X-Ray
 * requires, and with {@code otel.propagators=tracecontext,xray} outbound calls carry {@code
 * X-Amzn-Trace-Id} beside {@code traceparent}; an incoming {@code X-Amzn-Trace-Id} is continued.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class XrayIT {
  private static final Pattern AMAZN =
      Pattern.compile(
          "x-amzn-trace-id=Root=1-([0-9a-f]{8})-([0-9a-f]{24});Parent=([0-9a-f]{16});Sampled=1");

  @ArquillianResource private URL base;

  @Deployment(testable = false)
  static WebArchive application() {
    return TestServer.war(
        "xray",
        Map.of(
            "tracing.random_sampling", "100",
            "tracing.id_generator", "xray",
            "otel.propagators", "tracecontext,baggage,xray"),
        TestApplication.class,
        EchoResource.class,
        CallResource.class);
  }

  @Test
  void newTracesCarryTheEpochSecondsAndCallsSendTheAmazonTraceHeader() {
    long before = System.currentTimeMillis() / 1000;
    HttpResponse<String> response = Http.post(base + "api/call", base + "api/echo/xray");
    long after = System.currentTimeMillis() / 1000;
    assertEquals(200, response.statusCode(), response.body());

    Matcher header = AMAZN.matcher(response.body());
    assertTrue(header.find(), response.body());
    String traceId = header.group(1) + header.group(2);
    long seconds = Long.parseLong(header.group(1), 16);
    assertTrue(
        seconds >= before && seconds <= after,
        "trace id "
            + traceId
            + " starts at "
            + seconds
            + " s, the request ran from "
            + before
            + " to "
            + after);

    List<ReceivedSpan> trace = OtlpReceiver.shared().awaitTrace(traceId, 3);
    assertEquals(3, trace.size(), trace.toString());
    ReceivedSpan client = TracingIT.single(trace, SpanKind.SPAN_KIND_CLIENT, "GET");
    assertEquals(client.spanId(), header.group(3), "the header's Parent is the CLIENT span");
    ReceivedSpan root = TracingIT.single(trace, SpanKind.SPAN_KIND_SERVER, "POST /xray/api/call");
    assertEquals("", root.parentSpanId());
  }

  @Test
  void incomingAmazonTraceHeaderIsContinuedWithoutTraceparent() {
    String traceId =
        Long.toHexString(System.currentTimeMillis() / 1000) + "bd862e3fe1be46a994272793";
    HttpResponse<String> response =
        Http.post(
            base + "api/call",
            base + "api/echo/xray",
            "X-Amzn-Trace-Id",
            "Root=1-"
                + traceId.substring(0, 8)
                + "-"
                + traceId.substring(8)
                + ";Parent=53995c3f42cd8ad8;Sampled=1");
    assertEquals(200, response.statusCode(), response.body());

    Matcher header = AMAZN.matcher(response.body());
    assertTrue(header.find(), response.body());
    assertEquals(
        traceId,
        header.group(1) + header.group(2),
        "the downstream call continues the caller's trace");
    List<ReceivedSpan> trace = OtlpReceiver.shared().awaitTrace(traceId, 3);
    assertEquals(3, trace.size(), trace.toString());
    ReceivedSpan root = TracingIT.single(trace, SpanKind.SPAN_KIND_SERVER, "POST /xray/api/call");
    assertEquals(
        "53995c3f42cd8ad8", root.parentSpanId(), "the SERVER span's parent is the caller's");
  }
}
