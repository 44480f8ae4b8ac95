package dev.tracegate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegate.it.Http.Traceparent;
import dev.tracegate.it.app.EchoResource;
import dev.tracegate.it.app.TestApplication;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A service that exports no spans ({@code otel.traces.exporter=none}) still takes part in every
 * trace: it starts one when none arrives and puts a span id of its own between its caller and the
 * next service.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ExportNothingIT {
  @ArquillianResource private URL base;

  @Deployment(testable = false)
  static WebArchive application() {
    return TestServer.war(
        "export-nothing",
        Map.of("tracing.random_sampling", "100", "otel.traces.exporter", "none"),
        TestApplication.class,
        EchoResource.class);
  }

  private HttpResponse<String> relay(String... headers) {
    String api = base + "api/";
    HttpResponse<String> response = Http.get(api + "echo/relay?to=" + api + "echo", headers);
    assertEquals(200, response.statusCode(), response.body());
    return response;
  }

  @Test
  void startsATraceWhenNoneArrives() {
    HttpResponse<String> response = relay();
    assertTrue(
        response.body().startsWith("traceparent=null"),
        "the relay got no traceparent: " + response.body());
    Traceparent forwarded = Http.echoedTraceparent(response.body(), 0);
    assertTrue(forwarded.sampled(), "100 % sampled: " + forwarded);
  }

  @Test
  void forwardsASpanIdOfItsOwnInTheCallersTrace() {
    String traceId = TracingIT.randomHex(32);
    String callerSpanId = TracingIT.randomHex(16);
    HttpResponse<String> response =
        relay("traceparent", "00-" + traceId + "-" + callerSpanId + "-01");
    Traceparent forwarded = Http.echoedTraceparent(response.body(), 1);
    assertEquals(traceId, forwarded.traceId());
    assertNotEquals(
        callerSpanId,
        forwarded.parentId(),
        "the downstream call is a child of this service's span");
    assertTrue(forwarded.sampled());
  }
}
