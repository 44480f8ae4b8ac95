package dev.tracegate.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegate.it.Http.Traceparent;
import dev.tracegate.it.app.EchoResource;
import dev.tracegate.it.app.HealthResource;
import dev.tracegate.it.app.TestApplication;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

/**
 * What crosses a service, for every {@code tracing.incoming} mode, on a traced path and on an
 * excluded one, with and without the caller's {@code traceparent} (sampled or not), {@code
 * tracestate} and {@code baggage}: the headers the next service receives from the service's
 * outbound call.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class IncomingContextMatrixIT {
  private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  private static final String SPAN_ID = "b7ad6b7169203331";
  private static final Pattern HEADER =
      Pattern.compile("^(traceparent|tracestate|baggage)=(.*)$", Pattern.MULTILINE);

  @ArquillianResource
  @OperateOnDeployment("trust")
  private URL trust;

  @ArquillianResource
  @OperateOnDeployment("restart")
  private URL restart;

  @ArquillianResource
  @OperateOnDeployment("ignore-sampled")
  private URL ignoreSampled;

  @Deployment(name = "trust", testable = false)
  static WebArchive trusting() {
    return edge("matrix-trust", "trust");
  }

  @Deployment(name = "restart", testable = false)
  static WebArchive restarting() {
    return edge("matrix-restart", "restart");
  }

  @Deployment(name = "ignore-sampled", testable = false)
  static WebArchive ignoringSampledFlag() {
    return edge("matrix-ignore-sampled", "ignore-sampled");
  }

  private static WebArchive edge(String name, String incoming) {
    return TestServer.war(
        name,
        Map.of(
            "tracing.random_sampling",
            "100",
            "tracing.incoming",
            incoming,
            "tracing.exclude_paths",
            "/api/health*"),
        TestApplication.class,
        EchoResource.class,
        HealthResource.class);
  }

  /** What the caller sends. */
  private enum Caller {
    NOTHING(),
    SAMPLED(
        "traceparent",
        "00-" + TRACE_ID + "-" + SPAN_ID + "-01",
        "tracestate",
        "probe=1",
        "baggage",
        "user=mallory"),
    NOT_SAMPLED(
        "traceparent",
        "00-" + TRACE_ID + "-" + SPAN_ID + "-00",
        "tracestate",
        "probe=1",
        "baggage",
        "user=mallory");

    final String[] headers;

    Caller(String... headers) {
      this.headers = headers;
    }
  }

  @Test
  void trustForwardsTheCallersTraceFlagTracestateAndBaggageUnderASpanOfItsOwn() {
    check(
        trust,
        (caller, received, where) -> {
          if (caller == Caller.NOTHING) {
            return newTrace(received, where);
          }
          return List.of(
              () -> assertEquals(TRACE_ID, received.traceparent.traceId(), where),
              () ->
                  assertNotEquals(
                      SPAN_ID,
                      received.traceparent.parentId(),
                      where + ": a span of this service in between"),
              () ->
                  assertEquals(
                      caller == Caller.SAMPLED,
                      received.traceparent.sampled(),
                      where + ": the caller's flag is obeyed"),
              () -> assertEquals("probe=1", received.tracestate, where),
              () -> assertEquals("user=mallory", received.baggage, where));
        });
  }

  @Test
  void restartForwardsNothingOfTheCaller() {
    check(restart, (caller, received, where) -> newTrace(received, where));
  }

  @Test
  void ignoreSampledKeepsTraceTracestateAndBaggageButDecidesSamplingItself() {
    check(
        ignoreSampled,
        (caller, received, where) -> {
          if (caller == Caller.NOTHING) {
            return newTrace(received, where);
          }
          return List.of(
              () -> assertEquals(TRACE_ID, received.traceparent.traceId(), where),
              () -> assertNotEquals(SPAN_ID, received.traceparent.parentId(), where),
              () ->
                  assertTrue(
                      received.traceparent.sampled(),
                      where + ": 100 % here, whatever the caller's flag"),
              () -> assertEquals("probe=1", received.tracestate, where),
              () -> assertEquals("user=mallory", received.baggage, where));
        });
  }

  /** A trace started by this service (sampled at 100 %), carrying nothing of the caller. */
  private static List<Executable> newTrace(Received received, String where) {
    return List.of(
        () -> assertNotEquals(TRACE_ID, received.traceparent.traceId(), where + ": a new trace"),
        () -> assertTrue(received.traceparent.sampled(), where),
        () -> assertEquals("null", received.tracestate, where + ": no tracestate"),
        () -> assertEquals("null", received.baggage, where + ": no baggage"));
  }

  private interface Expectation {
    List<Executable> of(Caller caller, Received received, String where);
  }

  /** Every caller, through a traced path and through an excluded one, checked together. */
  private static void check(URL application, Expectation expectation) {
    String api = application + "api/";
    String echo = api + "echo";
    List<Executable> checks = new ArrayList<>();
    for (Caller caller : Caller.values()) {
      for (boolean excluded : new boolean[] {false, true}) {
        String path = excluded ? "health/dependency?to=" : "echo/relay?to=";
        HttpResponse<String> response = Http.get(api + path + echo, caller.headers);
        String where = caller + (excluded ? " on an excluded path" : " on a traced path");
        assertEquals(200, response.statusCode(), where + ": " + response.body());
        // The relay reports its own headers first; the echo's, which it called, come last.
        Received received = Received.last(response.body());
        checks.addAll(
            expectation.of(
                caller, received, where + " (" + response.body().replace('\n', ' ') + ")"));
      }
    }
    assertAll(checks);
  }

  /** The propagation headers the downstream echo received. */
  private record Received(Traceparent traceparent, String tracestate, String baggage) {
    static Received last(String body) {
      Map<String, String> headers = new java.util.HashMap<>();
      Matcher matcher = HEADER.matcher(body);
      while (matcher.find()) {
        headers.put(matcher.group(1), matcher.group(2)); // the last report of each header wins
      }
      int echoes = (int) body.lines().filter(line -> line.startsWith("traceparent=00-")).count();
      return new Received(
          Http.echoedTraceparent(body, echoes - 1),
          headers.get("tracestate"),
          headers.get("baggage"));
    }
  }
}
