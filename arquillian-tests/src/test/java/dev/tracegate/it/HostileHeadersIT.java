package dev.tracegate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegate.it.app.EchoResource;
import dev.tracegate.it.app.TestApplication;
import java.net.URL;
import java.time.Duration;
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
 * Callers decide what headers they send, never what or how much the server logs: hostile {@code
 * traceparent}, {@code tracestate} and {@code baggage} headers leave at most a rate-limited count
 * in the log, and none of their text.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostileHeadersIT {
  private static final int REQUESTS = 200;

  @ArquillianResource private URL base;

  @Deployment(testable = false)
  static WebArchive application() {
    return TestServer.war(
        "hostile-headers",
        Map.of(
            "tracing.random_sampling",
            "100",
            "tracing.incoming",
            "restart",
            "tracing.exclude_paths",
            "/api/echo/relay"),
        TestApplication.class,
        EchoResource.class);
  }

  @Test
  void hostileHeadersLeaveNoTextAndAtMostARateLimitedCountInTheLog() {
    String marker = "hostile" + TracingIT.randomHex(12);
    long started = System.nanoTime();
    int summariesBefore = summaries();
    String api = base + "api/";
    for (int i = 0; i < REQUESTS; i++) {
      String url = i % 2 == 0 ? api + "echo" : api + "echo/relay?to=" + api + "echo";
      assertEquals(
          200,
          Http.get(
                  url,
                  "traceparent",
                  "00-" + marker + "-" + i,
                  "tracestate",
                  marker + "@@=" + "\"" + i,
                  "baggage",
                  "k" + i + "=%zz" + marker + ",v" + i + "=1;\"" + marker + "\"",
                  "baggage",
                  marker + "=%" + i + ";=;;" + marker)
              .statusCode());
    }
    List<String> leaked = TestServer.awaitLogLines(Duration.ofSeconds(2), marker);
    assertEquals(List.of(), leaked, "header text in the log");
    assertEquals(
        List.of(), TestServer.awaitLogLines(Duration.ZERO, "Skipping invalid baggage member"));
    assertEquals(
        List.of(),
        TestServer.awaitLogLines(Duration.ZERO, "Skipping baggage member with invalid metadata"));
    long minutes = Duration.ofNanos(System.nanoTime() - started).toMinutes();
    int reports = summaries() - summariesBefore;
    assertTrue(
        reports <= 1 + minutes,
        reports + " reports of ignored headers in " + minutes + " min, one a minute at most");
  }

  private static int summaries() {
    return TestServer.awaitLogLines(
            Duration.ZERO, "Tracegate: ignored invalid trace context sent by callers")
        .size();
  }
}
