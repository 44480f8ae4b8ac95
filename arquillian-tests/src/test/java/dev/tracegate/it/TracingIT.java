package dev.tracegate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegate.it.Http.Traceparent;
import dev.tracegate.it.OtlpReceiver.ReceivedSpan;
import dev.tracegate.it.app.CallResource;
import dev.tracegate.it.app.EchoResource;
import dev.tracegate.it.app.FailureResource;
import dev.tracegate.it.app.ItemResource;
import dev.tracegate.it.app.TestApplication;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.net.ServerSocket;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A traced application at 100 % sampling: server spans, client spans and the headers between them.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TracingIT {
  private static final String APP = "tracing";

  @ArquillianResource private URL base;

  @Deployment(testable = false)
  static WebArchive application() {
    return TestServer.war(
        APP,
        Map.of("tracing.random_sampling", "100"),
        TestApplication.class,
        EchoResource.class,
        CallResource.class,
        ItemResource.class,
        FailureResource.class);
  }

  private String url(String path) {
    return base.toString() + "api/" + path;
  }

  /**
   * The server filter comes from the jar's JAX-RS Feature, the client filter from its Providers
   * file: each is registered once (RESTEasy warns RESTEASY002155 on a second registration; Jersey
   * reads the Feature only).
   */
  @Test
  void eachFilterIsRegisteredOnce() {
    assertEquals(200, Http.post(url("call"), url("echo")).statusCode());
    assertEquals(List.of(), TestServer.awaitLogLines(Duration.ZERO, "RESTEASY002155"));
  }

  @Test
  void startsNewTraceWhenTraceparentIsAbsent() {
    HttpResponse<String> response = Http.post(url("call"), url("echo"));
    assertEquals(200, response.statusCode());
    Traceparent forwarded = Http.echoedTraceparent(response.body(), 0);
    assertTrue(forwarded.sampled(), "100 % sampling records the new trace");

    List<ReceivedSpan> trace = OtlpReceiver.shared().awaitTrace(forwarded.traceId(), 3);
    ReceivedSpan callServer =
        single(trace, SpanKind.SPAN_KIND_SERVER, "POST /" + APP + "/api/call");
    ReceivedSpan client = single(trace, SpanKind.SPAN_KIND_CLIENT, "GET");
    ReceivedSpan echoServer = single(trace, SpanKind.SPAN_KIND_SERVER, "GET /" + APP + "/api/echo");

    assertEquals("", callServer.parentSpanId(), "a new trace starts with a root span");
    assertEquals(
        callServer.spanId(),
        client.parentSpanId(),
        "the client span is a child of the server span");
    assertEquals(
        client.spanId(), forwarded.parentId(), "the forwarded traceparent is the client span's");
    assertEquals(client.spanId(), echoServer.parentSpanId(), "the downstream continues the trace");
    assertEquals(APP, callServer.service(), "service.name defaults to the application name");
  }

  @Test
  void continuesValidTraceparent() {
    String traceId = randomHex(32);
    String callerSpanId = randomHex(16);
    HttpResponse<String> response =
        Http.post(
            url("call"),
            url("echo"),
            "traceparent",
            "00-" + traceId + "-" + callerSpanId + "-01",
            "tracestate",
            "vendor=value,other=1");
    Traceparent forwarded = Http.echoedTraceparent(response.body(), 0);
    assertEquals(traceId, forwarded.traceId(), "the trace id is kept");
    assertNotEquals(callerSpanId, forwarded.parentId(), "each hop forwards its own span id");
    assertTrue(response.body().contains("tracestate=vendor=value,other=1\n"), response.body());

    List<ReceivedSpan> trace = OtlpReceiver.shared().awaitTrace(traceId, 3);
    ReceivedSpan callServer =
        single(trace, SpanKind.SPAN_KIND_SERVER, "POST /" + APP + "/api/call");
    assertEquals(
        callerSpanId, callServer.parentSpanId(), "the server span's parent is the caller's span");
  }

  @Test
  void invalidTraceparentStartsNewTrace() {
    String invalid = "00-" + "z".repeat(32) + "-" + randomHex(16) + "-01";
    HttpResponse<String> response =
        Http.post(url("call"), url("echo"), "traceparent", invalid, "tracestate", "vendor=value");
    assertEquals(200, response.statusCode());
    Traceparent forwarded = Http.echoedTraceparent(response.body(), 0);
    assertTrue(
        response.body().contains("tracestate=null"),
        "tracestate of an invalid traceparent is dropped");

    List<ReceivedSpan> trace = OtlpReceiver.shared().awaitTrace(forwarded.traceId(), 3);
    ReceivedSpan callServer =
        single(trace, SpanKind.SPAN_KIND_SERVER, "POST /" + APP + "/api/call");
    assertEquals("", callServer.parentSpanId());
  }

  @Test
  void serverSpanIsNamedByRouteTemplateWithHttpAttributes() {
    String traceId = randomHex(32);
    HttpResponse<String> response =
        Http.get(
            url("items/42?color=red&sig=s3cr3t"),
            "traceparent",
            "00-" + traceId + "-" + randomHex(16) + "-01",
            "User-Agent",
            "tracegate-test/1.0");
    assertEquals(200, response.statusCode());

    ReceivedSpan span =
        single(
            OtlpReceiver.shared().awaitTrace(traceId, 1),
            SpanKind.SPAN_KIND_SERVER,
            "GET /" + APP + "/api/items/{id}");
    assertEquals("/" + APP + "/api/items/{id}", span.attribute("http.route"));
    assertEquals("GET", span.attribute("http.request.method"));
    assertEquals("/" + APP + "/api/items/42", span.attribute("url.path"));
    assertEquals(
        "color=red&sig=REDACTED",
        span.attribute("url.query"),
        "signatures never reach the backend");
    assertEquals("http", span.attribute("url.scheme"));
    assertEquals("200", span.attribute("http.response.status_code"));
    String attributes = span.span().getAttributesList().toString();
    assertEquals(
        base.getHost(),
        span.attribute("server.address"),
        "the Host header the client sent: " + attributes);
    assertEquals(Integer.toString(base.getPort()), span.attribute("server.port"));
    assertEquals("127.0.0.1", span.attribute("client.address"), attributes);
    assertEquals("tracegate-test/1.0", span.attribute("user_agent.original"));
    assertFalse(span.isError());
  }

  @Test
  void serverErrorStatusMarksSpanError() {
    String traceId = randomHex(32);
    assertEquals(
        503,
        Http.get(
                url("fail/status/503"),
                "traceparent",
                "00-" + traceId + "-" + randomHex(16) + "-01")
            .statusCode());
    ReceivedSpan span =
        single(
            OtlpReceiver.shared().awaitTrace(traceId, 1),
            SpanKind.SPAN_KIND_SERVER,
            "GET /" + APP + "/api/fail/status/{code}");
    assertTrue(span.isError());
    assertEquals("503", span.attribute("error.type"));
  }

  @Test
  void clientErrorStatusLeavesServerSpanUnset() {
    String traceId = randomHex(32);
    assertEquals(
        404,
        Http.get(
                url("fail/status/404"),
                "traceparent",
                "00-" + traceId + "-" + randomHex(16) + "-01")
            .statusCode());
    ReceivedSpan span =
        single(
            OtlpReceiver.shared().awaitTrace(traceId, 1),
            SpanKind.SPAN_KIND_SERVER,
            "GET /" + APP + "/api/fail/status/{code}");
    assertFalse(span.isError(), "4xx is the client's error, not the server's");
  }

  @Test
  void unhandledExceptionIsRecordedOnServerSpan() {
    String traceId = randomHex(32);
    assertEquals(
        500,
        Http.get(
                url("fail/unhandled"), "traceparent", "00-" + traceId + "-" + randomHex(16) + "-01")
            .statusCode());
    ReceivedSpan span =
        single(
            OtlpReceiver.shared().awaitTrace(traceId, 1),
            SpanKind.SPAN_KIND_SERVER,
            "GET /" + APP + "/api/fail/unhandled");
    assertTrue(span.isError(), span.toString());
    assertEquals("500", span.attribute("http.response.status_code"));
    assertEquals(
        "/" + APP + "/api/fail/unhandled",
        span.attribute("http.route"),
        "named by the method that threw");
    assertTrue(
        span.span().getEventsList().stream()
            .anyMatch(
                event ->
                    event.getName().equals("exception")
                        && "java.lang.IllegalStateException"
                            .equals(
                                OtlpReceiver.attribute(
                                    event.getAttributesList(), "exception.type"))),
        "the exception is recorded: " + span.span().getEventsList());
  }

  @Test
  void requestMatchingNoResourceIsTracedUnderMethodName() {
    String traceId = randomHex(32);
    assertEquals(
        404,
        Http.get(url("no/such/path"), "traceparent", "00-" + traceId + "-" + randomHex(16) + "-01")
            .statusCode());
    ReceivedSpan span =
        single(OtlpReceiver.shared().awaitTrace(traceId, 1), SpanKind.SPAN_KIND_SERVER, "GET");
    assertEquals("404", span.attribute("http.response.status_code"));
  }

  @Test
  void clientSpanEndsWhenConnectionIsRefused() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String traceId = randomHex(32);
    HttpResponse<String> response =
        Http.post(
            url("call"),
            "http://127.0.0.1:" + closedPort + "/nothing\n" + url("echo"),
            "traceparent",
            "00-" + traceId + "-" + randomHex(16) + "-01");
    assertEquals(200, response.statusCode(), "a failed outbound call never breaks the request");
    assertTrue(response.body().startsWith("failed="), response.body());

    List<ReceivedSpan> trace = OtlpReceiver.shared().awaitTrace(traceId, 4);
    List<ReceivedSpan> clients =
        trace.stream().filter(s -> s.kind() == SpanKind.SPAN_KIND_CLIENT).toList();
    assertEquals(2, clients.size(), trace.toString());
    ReceivedSpan refused =
        clients.stream()
            .filter(s -> Integer.toString(closedPort).equals(s.attribute("server.port")))
            .findFirst()
            .orElseThrow();
    assertTrue(refused.isError());
    assertNotNull(refused.attribute("error.type"));
    assertTrue(refused.span().getEndTimeUnixNano() >= refused.span().getStartTimeUnixNano());
    ReceivedSpan ok = clients.stream().filter(s -> s != refused).findFirst().orElseThrow();
    assertFalse(ok.isError());
    assertTrue(
        refused.span().getEndTimeUnixNano() <= ok.span().getStartTimeUnixNano(),
        "the refused call's span ends no later than the next call starts");
  }

  @Test
  void pooledThreadsNeverCarryContextIntoTheNextRequest() throws Exception {
    int requests = 60;
    Set<String> traceIds = java.util.concurrent.ConcurrentHashMap.newKeySet();
    List<Thread> senders = new java.util.ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread sender =
          new Thread(
              () -> {
                for (int i = 0; i < requests / 4; i++) {
                  HttpResponse<String> response = Http.post(url("call"), url("echo"));
                  traceIds.add(Http.echoedTraceparent(response.body(), 0).traceId());
                }
              });
      sender.start();
      senders.add(sender);
    }
    for (Thread sender : senders) {
      sender.join();
    }
    assertEquals(
        requests, traceIds.size(), "every request without traceparent starts its own trace");
    for (String traceId : traceIds) {
      ReceivedSpan callServer =
          single(
              OtlpReceiver.shared().awaitTrace(traceId, 3),
              SpanKind.SPAN_KIND_SERVER,
              "POST /" + APP + "/api/call");
      assertEquals(
          "", callServer.parentSpanId(), "no request inherits a parent from a previous one");
    }
  }

  static ReceivedSpan single(List<ReceivedSpan> spans, SpanKind kind, String name) {
    List<ReceivedSpan> matching =
        spans.stream()
            .filter(span -> span.kind() == kind && (name == null || span.name().equals(name)))
            .toList();
    assertEquals(1, matching.size(), "one " + kind + " span named " + name + " in " + spans);
    return matching.get(0);
  }

  static String randomHex(int length) {
    StringBuilder hex = new StringBuilder(length);
    ThreadLocalRandom random = ThreadLocalRandom.current();
    while (hex.length() < length) {
      hex.append(Character.forDigit(random.nextInt(16), 16));
    }
    return hex.toString().replaceFirst("^0", "1");
  }
}
