package dev.tracegate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tracegate.it.OtlpReceiver.ReceivedSpan;
import dev.tracegate.it.app.EchoResource;
import dev.tracegate.it.app.TestApplication;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
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
 * The collector absent at start-up, refusing, black-holed or slow: the application deploys,
 * requests succeed, lost spans are counted in the log, and export resumes by itself when the
 * collector returns.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OutageIT {
  private static final String APP = "outage";
  private static final int REQUESTS = 200;
  private static final Pattern LOSS =
      Pattern.compile(
          "application " + APP + " lost (\\d+) spans since the last report: (\\d+) dropped");
  // Absent (refusing) while the application deploys.
  private static final SwitchableCollector COLLECTOR = new SwitchableCollector();

  @ArquillianResource private URL base;

  @Deployment(testable = false)
  static WebArchive application() {
    return TestServer.war(
        APP,
        Map.of(
            "tracing.random_sampling", "100",
            "tracing.lost_spans.log_interval", "1",
            "otel.exporter.otlp.endpoint", COLLECTOR.endpoint(),
            "otel.exporter.otlp.timeout", "1000",
            "otel.bsp.max.queue.size", "16",
            "otel.bsp.max.export.batch.size", "8"),
        TestApplication.class,
        EchoResource.class);
  }

  @Test
  void refusingCollectorLosesSpansButNotRequestsAndExportResumes() {
    COLLECTOR.refuse();
    int reportsBefore = lossReports().size();
    sendRequests();
    awaitLossReport(reportsBefore, false);
    collectorReturnsAndSpansArrive();
  }

  @Test
  void blackHoledCollectorDropsFromBoundedQueueButNotRequestsAndExportResumes() {
    COLLECTOR.blackHole();
    int reportsBefore = lossReports().size();
    sendRequests();
    awaitLossReport(reportsBefore, true);
    collectorReturnsAndSpansArrive();
  }

  /**
   * Slower than otel.exporter.otlp.timeout (1 s): each export times out and its spans count as
   * lost.
   */
  @Test
  void slowCollectorTimesOutExportsButNotRequestsAndExportResumes() {
    COLLECTOR.slow(3000);
    int reportsBefore = lossReports().size();
    sendRequests();
    awaitLossReport(reportsBefore, false);
    collectorReturnsAndSpansArrive();
  }

  private void sendRequests() {
    for (int i = 0; i < REQUESTS; i++) {
      assertEquals(
          200,
          Http.get(base + "api/echo").statusCode(),
          "request " + i + " while the collector is down");
    }
  }

  /**
   * Waits for a new report of lost spans; with {@code queueDrops}, one that counts spans dropped
   * from the full queue.
   */
  private static void awaitLossReport(int reportsBefore, boolean queueDrops) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    List<Matcher> reports;
    do {
      reports =
          lossReports().stream()
              .skip(reportsBefore)
              .filter(report -> !queueDrops || Long.parseLong(report.group(2)) > 0)
              .toList();
      if (!reports.isEmpty()) {
        return;
      }
      sleep(200);
    } while (System.nanoTime() < deadline);
    assertFalse(
        reports.isEmpty(),
        "no report of lost spans"
            + (queueDrops ? " dropped from the full queue" : "")
            + " in messages.log; reports so far: "
            + lossReports().stream().map(Matcher::group).toList());
  }

  private static List<Matcher> lossReports() {
    return TestServer.awaitLogLines(Duration.ZERO, "Tracegate: application " + APP + " lost")
        .stream()
        .map(LOSS::matcher)
        .filter(Matcher::find)
        .toList();
  }

  /**
   * After the collector returns, new requests' spans arrive with no action taken. A span that ends
   * while the queue is still full of the outage's spans is dropped like those, so send requests
   * until one arrives.
   */
  private void collectorReturnsAndSpansArrive() {
    COLLECTOR.forward();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    List<String> sent = new ArrayList<>();
    List<ReceivedSpan> arrived;
    do {
      String traceId = TracingIT.randomHex(32);
      sent.add(traceId);
      assertEquals(
          200,
          Http.get(
                  base + "api/echo",
                  "traceparent",
                  ExcludedPathsIT.traceparent(traceId, TracingIT.randomHex(16)))
              .statusCode());
      arrived =
          OtlpReceiver.shared()
              .await(span -> sent.contains(span.traceId()), 1, Duration.ofSeconds(2));
    } while (arrived.isEmpty() && System.nanoTime() < deadline);
    assertFalse(
        arrived.isEmpty(),
        "none of the " + sent.size() + " requests sent after the collector returned was exported");
    assertEquals("GET /" + APP + "/api/echo", arrived.get(0).name());
    assertEquals(SpanKind.SPAN_KIND_SERVER, arrived.get(0).kind());
    assertFalse(
        TestServer.awaitLogLines(
                Duration.ofSeconds(30),
                "Tracegate: spans of application " + APP + " are exported again")
            .isEmpty());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
