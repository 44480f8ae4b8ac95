package dev.tracegate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegate.it.app.CallResource;
import dev.tracegate.it.app.EchoResource;
import dev.tracegate.it.app.HeapResource;
import dev.tracegate.it.app.TestApplication;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A measured, bounded run with the collector black-holed (it accepts connections and never
 * answers), beside the same application exporting to a healthy collector: requests, failures,
 * p50/p99 latency and the server's heap after GC before and after. Not part of the default test
 * command (its name does not end in IT); run it with {@code mvn -B verify -Dit.test=OutageSoak
 * -Dtracegate.outage.seconds=30} (seconds per round; rounds alternate healthy, black-holed,
 * healthy, black-holed). The exporter keeps Tracegate's defaults: an 8192-span queue, batches of
 * 2048, a 10 s export timeout. Figures: docs/operations.md.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OutageSoak {
  private static final int CONCURRENCY = 16;
  private static final SwitchableCollector BLACK_HOLE = new SwitchableCollector();

  @ArquillianResource
  @OperateOnDeployment("healthy")
  private URL healthy;

  @ArquillianResource
  @OperateOnDeployment("black-holed")
  private URL blackHoled;

  @Deployment(name = "healthy", testable = false)
  static WebArchive healthyCollector() {
    return TestServer.war(
        "outage-healthy",
        Map.of("tracing.random_sampling", "100", "otel.bsp.schedule.delay", "5000"),
        TestApplication.class,
        EchoResource.class,
        CallResource.class,
        HeapResource.class);
  }

  @Deployment(name = "black-holed", testable = false)
  static WebArchive blackHoledCollector() {
    BLACK_HOLE.blackHole();
    return TestServer.war(
        "outage-black-holed",
        Map.of(
            "tracing.random_sampling",
            "100",
            "otel.bsp.schedule.delay",
            "5000",
            "otel.exporter.otlp.endpoint",
            BLACK_HOLE.endpoint(),
            "tracing.lost_spans.log_interval",
            "10"),
        TestApplication.class,
        EchoResource.class,
        CallResource.class,
        HeapResource.class);
  }

  /** One round's figures. */
  private record Round(
      String collector, int requests, int failed, double seconds, long p50Micros, long p99Micros) {
    @Override
    public String toString() {
      return String.format(
          "%s: requests=%d failed=%d req/s=%.0f p50=%.1fms p99=%.1fms",
          collector, requests, failed, requests / seconds, p50Micros / 1000.0, p99Micros / 1000.0);
    }
  }

  @Test
  void blackHoledCollectorCostsRequestsNothingAndMemoryStaysBounded() throws Exception {
    long seconds = Long.getLong("tracegate.outage.seconds", 30);
    String healthyApi = healthy + "api/";
    String blackHoledApi = blackHoled + "api/";
    load(healthyApi, 15);
    load(blackHoledApi, 15);
    long heapBefore = heap(blackHoledApi);
    List<Round> rounds = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      rounds.add(load(healthyApi, seconds));
      rounds.add(load(blackHoledApi, seconds));
    }
    long heapAfter = heap(blackHoledApi);
    List<String> reports =
        TestServer.awaitLogLines(Duration.ZERO, "Tracegate: application outage-black-holed lost");

    String figures =
        rounds
            + String.format(
                " heap-after-GC-MB before=%.1f after=%.1f; loss reports=%d, last: %s",
                heapBefore / 1e6,
                heapAfter / 1e6,
                reports.size(),
                reports.isEmpty() ? "none" : reports.get(reports.size() - 1));
    System.out.println("OUTAGE " + figures);
    for (Round round : rounds) {
      assertEquals(0, round.failed(), figures);
    }
    assertTrue(!reports.isEmpty(), "lost spans were reported: " + figures);
    // The queue is bounded (8192 spans): the heap must not grow with the spans that could not be
    // exported.
    assertTrue(heapAfter < heapBefore + 48_000_000L, figures);
  }

  private static long heap(String api) {
    return Long.parseLong(Http.get(api + "heap").body().strip());
  }

  /** {@value #CONCURRENCY} clients sending POST /call (which calls /echo) for the given time. */
  private static Round load(String api, long seconds) throws InterruptedException {
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    AtomicInteger failures = new AtomicInteger();
    long started = System.nanoTime();
    long deadline = started + TimeUnit.SECONDS.toNanos(seconds);
    ExecutorService clients = Executors.newFixedThreadPool(CONCURRENCY);
    for (int c = 0; c < CONCURRENCY; c++) {
      clients.submit(
          () -> {
            while (System.nanoTime() < deadline) {
              long start = System.nanoTime();
              try {
                HttpResponse<String> response = Http.post(api + "call", api + "echo");
                if (response.statusCode() != 200 || !response.body().contains("status=200")) {
                  failures.incrementAndGet();
                }
              } catch (RuntimeException e) {
                failures.incrementAndGet();
              }
              latencies.add(System.nanoTime() - start);
            }
          });
    }
    clients.shutdown();
    if (!clients.awaitTermination(seconds + 120, TimeUnit.SECONDS)) {
      throw new AssertionError("clients did not finish");
    }
    double elapsed = (System.nanoTime() - started) / 1e9;
    long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    String collector = api.contains("black-holed") ? "black-holed" : "healthy";
    return new Round(
        collector,
        sorted.length,
        failures.get(),
        elapsed,
        percentile(sorted, 0.50) / 1000,
        percentile(sorted, 0.99) / 1000);
  }

  private static long percentile(long[] sorted, double p) {
    return sorted.length == 0
        ? 0
        : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }
}
