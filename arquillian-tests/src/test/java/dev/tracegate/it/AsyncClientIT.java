package dev.tracegate.it;

import static dev.tracegate.it.TracingIT.randomHex;
import static dev.tracegate.it.TracingIT.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegate.it.Http.Traceparent;
import dev.tracegate.it.OtlpReceiver.ReceivedSpan;
import dev.tracegate.it.app.AsyncClientResource;
import dev.tracegate.it.app.EchoResource;
import dev.tracegate.it.app.Later;
import dev.tracegate.it.app.LogFieldsResource;
import dev.tracegate.it.app.TestApplication;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * {@code async()} calls of a JAX-RS Client inside a traced request, with no tracing code in the
 * application. A {@code ClientBuilder.newClient()} client's call keeps the request's context where
 * the server carries it ({@link TestServer.Kind#asyncClientContext()}; WildFly, GlassFish: the call
 * is the request's child, its baggage goes along, its thread has the request's trace) and starts a
 * new trace where it does not (Liberty), pinned so that the docs change the day it does. A client
 * built with an executor of the application's own starts a new trace on every server, and leaves
 * nothing of Tracegate's on that executor's thread.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AsyncClientIT {
  private static final String APP = "async-client";
  private static final String BAGGAGE = "tenant=t-42";

  @ArquillianResource private URL base;

  @Deployment(testable = false)
  static WebArchive application() {
    return TestServer.war(
        APP,
        Map.of("tracing.random_sampling", "100"),
        TestApplication.class,
        EchoResource.class,
        AsyncClientResource.class,
        LogFieldsResource.class,
        Later.class);
  }

  @Test
  void anAsyncCallOfANewClientIsAChildOfTheRequestWhereTheServerCarriesTheContext() {
    String traceId = randomHex(32);
    String body = call("default", traceId).body();
    assertOnAnotherThread(body);
    switch (TestServer.kind().asyncClientContext()) {
      case CARRIED -> assertInTheRequestsTrace("default", traceId, body);
      case LOST -> assertNewTrace(traceId, body);
    }
  }

  /** Nothing carries context onto an executor the application made itself. */
  @Test
  void anAsyncCallOnTheApplicationsOwnExecutorStartsANewTrace() {
    String traceId = randomHex(32);
    String body = call("own-executor", traceId).body();
    assertOnAnotherThread(body);
    assertNewTrace(traceId, body);
    assertEquals("none", field("call-trace", body), body);
  }

  @Test
  void theWorkerThreadKeepsNoTraceAfterTheCall() {
    String body = call("own-executor", randomHex(32)).body();
    assertEquals("none", field("after-trace", body), "the worker's context: " + body);
    assertEquals("none", field("after-log-trace", body), "the worker's log fields: " + body);
  }

  private static void assertOnAnotherThread(String body) {
    assertNotEquals(
        field("request-thread", body),
        field("call-thread", body),
        "the call ran on another thread than the request: " + body);
  }

  private static void assertNewTrace(String traceId, String body) {
    assertNotEquals(
        traceId, Http.echoedTraceparent(body, 0).traceId(), "the call starts a new trace: " + body);
  }

  private static void assertInTheRequestsTrace(String endpoint, String traceId, String body) {
    Traceparent forwarded = Http.echoedTraceparent(body, 0);
    assertEquals(traceId, forwarded.traceId(), body);
    assertEquals(traceId, field("call-trace", body), "the call's thread has the trace: " + body);
    assertEquals(
        traceId, field("call-log-trace", body), "the call's thread logs the trace: " + body);
    assertEquals(BAGGAGE, field("baggage", body), "the caller's baggage goes along: " + body);
    List<ReceivedSpan> trace = OtlpReceiver.shared().awaitTrace(traceId, 3);
    ReceivedSpan request =
        single(trace, SpanKind.SPAN_KIND_SERVER, "GET /" + APP + "/api/async-client/" + endpoint);
    ReceivedSpan client = single(trace, SpanKind.SPAN_KIND_CLIENT, "GET");
    ReceivedSpan echo = single(trace, SpanKind.SPAN_KIND_SERVER, "GET /" + APP + "/api/echo");
    assertEquals(request.spanId(), client.parentSpanId(), "the CLIENT span is the request's child");
    assertEquals(client.spanId(), echo.parentSpanId());
    assertEquals(client.spanId(), forwarded.parentId());
  }

  private HttpResponse<String> call(String endpoint, String traceId) {
    String to = URLEncoder.encode(base + "api/echo", StandardCharsets.UTF_8);
    HttpResponse<String> response =
        Http.get(
            base + "api/async-client/" + endpoint + "?to=" + to,
            "traceparent",
            "00-" + traceId + "-" + randomHex(16) + "-01",
            "baggage",
            BAGGAGE);
    assertEquals(200, response.statusCode(), response.body());
    return response;
  }

  private static String field(String name, String body) {
    Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "=(.*)$").matcher(body);
    assertTrue(matcher.find(), name + " in " + body);
    return matcher.group(1);
  }
}
