package dev.tracegate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tracegate.it.app.LoggingResource;
import dev.tracegate.it.app.TestApplication;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A line the application logs with plain java.util.logging while serving a traced request carries
 * that request's {@code trace_id} and {@code span_id} in the server's JSON log, through the
 * server's own per-thread log fields (WildFly: the JBoss Log Manager MDC, printed by its JSON
 * formatter). Open Liberty's JSON log is ServerShutdownIT's. GlassFish's logging has no per-thread
 * fields: there the line is logged as always, without the trace.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LogCorrelationIT {
  @ArquillianResource private URL base;

  @Deployment(testable = false)
  static WebArchive application() {
    return TestServer.war(
        "log-correlation",
        Map.of("tracing.random_sampling", "100"),
        TestApplication.class,
        LoggingResource.class);
  }

  @Test
  void aLineLoggedDuringATracedRequestCarriesItsTraceIdAndSpanIdInTheJsonLog() {
    assumeTrue(
        TestServer.kind().jsonLog() != null,
        "the shared test servers of " + TestServer.kind() + " write no JSON log");
    String traceId = UUID.randomUUID().toString().replace("-", "");
    String message = "order-" + UUID.randomUUID() + "-accepted";
    logDuringTracedRequest("api/log", traceId, message);

    List<String> lines =
        TestServer.awaitLogLines(
            TestServer.serverDir(), TestServer.kind().jsonLog(), Duration.ofSeconds(20), message);
    assertEquals(1, lines.size(), lines.toString());
    String line = lines.get(0);
    assertTrue(line.contains("\"trace_id\":\"" + traceId + "\""), line);
    assertTrue(
        line.matches(".*\"span_id\":\"[0-9a-f]{16}\".*")
            && !line.contains("\"span_id\":\"00f067aa0ba902b7\""),
        "the span id is the SERVER span's, not the caller's: " + line);
  }

  /**
   * WildFly's MDC is inherited: a thread started during a request starts with a copy of the
   * request's fields and keeps them (docs/servers.md, "Log correlation").
   */
  @Test
  void aThreadStartedDuringATracedRequestInheritsItsFieldsOnWildFly() {
    assumeTrue(
        TestServer.kind() == TestServer.Kind.WILDFLY,
        "the JBoss Log Manager's MDC is inherited by child threads; other servers' fields are not");
    String traceId = UUID.randomUUID().toString().replace("-", "");
    String message = "refund-" + UUID.randomUUID() + "-queued";
    logDuringTracedRequest("api/log/thread", traceId, message);

    List<String> lines =
        TestServer.awaitLogLines(
            TestServer.serverDir(), TestServer.kind().jsonLog(), Duration.ofSeconds(20), message);
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(lines.get(0).contains("\"threadName\":\"application-thread\""), lines.get(0));
    assertTrue(lines.get(0).contains("\"trace_id\":\"" + traceId + "\""), lines.get(0));
  }

  @Test
  void onGlassFishALineLoggedDuringATracedRequestIsLoggedWithoutTheTrace() {
    assumeTrue(
        TestServer.kind() == TestServer.Kind.GLASSFISH,
        "GlassFish's log has no per-thread fields; the other servers' show the trace");
    String traceId = UUID.randomUUID().toString().replace("-", "");
    String message = "order-" + UUID.randomUUID() + "-accepted";
    logDuringTracedRequest("api/log", traceId, message);

    assertEquals(
        1,
        TestServer.awaitLogLines(Duration.ofSeconds(20), message).size(),
        "the application's line is logged");
    List<String> withTrace = TestServer.awaitLogLines(Duration.ZERO, traceId);
    assertEquals(List.of(), withTrace, "no line of the server's log carries the trace id");
    // The request was traced all the same.
    assertEquals(1, OtlpReceiver.shared().awaitTrace(traceId, 1).size());
  }

  /**
   * Has the application log {@code message} at {@code path} while serving a request that continues
   * the sampled trace {@code traceId}.
   */
  private void logDuringTracedRequest(String path, String traceId, String message) {
    assertEquals(
        200,
        Http.get(
                base + path + "?message=" + message,
                "traceparent",
                "00-" + traceId + "-00f067aa0ba902b7-01")
            .statusCode());
  }
}
