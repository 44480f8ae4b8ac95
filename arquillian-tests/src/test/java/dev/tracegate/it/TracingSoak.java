package dev.tracegate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegate.it.Http.Traceparent;
import dev.tracegate.it.OtlpReceiver.ReceivedSpan;
import dev.tracegate.it.app.AsyncCallResource;
import dev.tracegate.it.app.CallResource;
import dev.tracegate.it.app.EchoResource;
import dev.tracegate.it.app.HeapResource;
import dev.tracegate.it.app.TestApplication;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
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
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A bounded soak: concurrency 64 for {@code tracegate.soak.seconds} (default 120) against a real
 * Open Liberty, a mix of valid, invalid and absent {@code traceparent}s, each request making a
 * downstream call (half of them through MicroProfile Rest Client's async API, answered
 * asynchronously), every span exported over real OTLP and checked. Not part of the default test
 * command (its name does not end in IT); run it with {@code mvn -B verify -Dit.test=TracingSoak
 * -Dtracegate.soak.seconds=120}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TracingSoak {
  private static final int CONCURRENCY = 64;
  private static final String APP = "soak";
  private static final java.util.Queue<String> FAILURE_SAMPLES = new ConcurrentLinkedQueue<>();

  @ArquillianResource private URL base;

  @Deployment(testable = false)
  static WebArchive application() {
    return TestServer.war(
        APP,
        Map.of(
            "tracing.random_sampling",
            "100",
            // Sized for the load, so that every span can be checked: a full queue drops spans (and
            // says so in the log).
            "otel.bsp.max.queue.size",
            "1000000",
            "otel.bsp.max.export.batch.size",
            "16384",
            "otel.bsp.schedule.delay",
            "200",
            // A receiver in the test JVM, on a machine busy with the load itself, can take longer
            // than the default 10 s for a batch of 16,384 spans; a batch that times out is lost.
            "otel.exporter.otlp.timeout",
            "60000"),
        TestApplication.class,
        EchoResource.class,
        CallResource.class,
        AsyncCallResource.class,
        AsyncCallResource.Downstream.class,
        HeapResource.class);
  }

  /**
   * What the test sent and what came back, for one request: {@code path} is the upstream resource,
   * {@code call} (synchronous) or {@code call-async} (MicroProfile Rest Client's async API and an
   * async response).
   */
  private record Sent(
      String path, String kind, String incomingParentId, String traceId, int status) {}

  @Test
  void soakLeavesNoCrossRequestParentsNoOpenSpansAndNoHeapGrowth() throws Exception {
    String api = base + "api/";
    long seconds = Long.getLong("tracegate.soak.seconds", 120);
    // Warm-up at full concurrency, so that thread pools and caches have grown before the baseline.
    load(api, 15, new ConcurrentLinkedQueue<>(), new AtomicInteger());
    long heapBefore = Long.parseLong(Http.get(api + "heap").body().strip());

    ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
    AtomicInteger failures = new AtomicInteger();
    long started = System.nanoTime();
    load(api, seconds, sent, failures);
    String failureSamples = String.join(" | ", FAILURE_SAMPLES);
    double elapsed = (System.nanoTime() - started) / 1e9;

    int requests = sent.size();
    java.util.Set<String> traceIds = sent.stream().map(Sent::traceId).collect(Collectors.toSet());
    List<ReceivedSpan> spans =
        OtlpReceiver.shared()
            .await(
                span -> traceIds.contains(span.traceId()), 3 * requests, Duration.ofSeconds(120));
    Map<String, List<ReceivedSpan>> byTrace =
        spans.stream().collect(Collectors.groupingBy(ReceivedSpan::traceId));
    List<String> problems = new ArrayList<>();
    for (Sent request : sent) {
      List<ReceivedSpan> trace = byTrace.getOrDefault(request.traceId(), List.of());
      if (trace.size() != 3) {
        problems.add(
            request + ": " + trace.size() + " spans, not 3 (a span never ended or was shared)");
        continue;
      }
      ReceivedSpan call =
          trace.stream()
              .filter(s -> s.name().equals("POST /" + APP + "/api/" + request.path()))
              .findFirst()
              .orElse(null);
      ReceivedSpan client =
          trace.stream()
              .filter(s -> s.kind() == SpanKind.SPAN_KIND_CLIENT)
              .findFirst()
              .orElse(null);
      ReceivedSpan echo =
          trace.stream()
              .filter(s -> s.name().equals("GET /" + APP + "/api/echo"))
              .findFirst()
              .orElse(null);
      if (call == null
          || client == null
          || echo == null
          || !call.parentSpanId().equals(request.incomingParentId())
          || !client.parentSpanId().equals(call.spanId())
          || !echo.parentSpanId().equals(client.spanId())) {
        problems.add(request + ": wrong parents " + trace);
      }
    }
    long heapAfter = Long.parseLong(Http.get(api + "heap").body().strip());

    String figures =
        String.format(
            "requests=%d failed=%d seconds=%.1f req/s=%.0f spans=%d traces-with-problems=%d heap-before-MB=%.1f heap-after-MB=%.1f",
            requests,
            failures.get(),
            elapsed,
            requests / elapsed,
            spans.size(),
            problems.size(),
            heapBefore / 1e6,
            heapAfter / 1e6);
    System.out.println("SOAK " + figures);
    assertEquals(0, failures.get(), figures + " failures: " + failureSamples);
    assertEquals(List.of(), problems.stream().limit(5).toList(), figures);
    // Back to its baseline: growth beyond noise (JIT, class data, pools) would be a leak of
    // contexts or spans.
    assertTrue(heapAfter < heapBefore + 48_000_000L, figures);
  }

  private static void sample(String failure) {
    if (FAILURE_SAMPLES.size() < 5) {
      FAILURE_SAMPLES.add(failure.length() > 300 ? failure.substring(0, 300) : failure);
    }
  }

  /**
   * {@value #CONCURRENCY} clients sending requests for the given time, each recording what it sent.
   */
  private static void load(
      String api, long seconds, ConcurrentLinkedQueue<Sent> sent, AtomicInteger failures)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    ExecutorService clients = Executors.newFixedThreadPool(CONCURRENCY);
    for (int c = 0; c < CONCURRENCY; c++) {
      int client = c;
      clients.submit(
          () -> {
            for (int n = 0; System.nanoTime() < deadline && n < 200_000; n++) {
              String kind =
                  switch ((client + n) % 3) {
                    case 0 -> "valid";
                    case 1 -> "invalid";
                    default -> "absent";
                  };
              String parentId = TracingIT.randomHex(16);
              // Every other client works asynchronously, so pooled threads alternate between the
              // two.
              String path = client % 2 == 0 ? "call" : "call-async";
              String[] headers =
                  switch (kind) {
                    case "valid" ->
                        new String[] {
                          "traceparent", "00-" + TracingIT.randomHex(32) + "-" + parentId + "-01"
                        };
                    case "invalid" ->
                        new String[] {
                          "traceparent", "00-" + TracingIT.randomHex(31) + "x-" + parentId + "-01"
                        };
                    default -> new String[0];
                  };
              try {
                HttpResponse<String> response = Http.post(api + path, api + "echo", headers);
                Traceparent forwarded = Http.echoedTraceparent(response.body(), 0);
                sent.add(
                    new Sent(
                        path,
                        kind,
                        kind.equals("valid") ? parentId : "",
                        forwarded.traceId(),
                        response.statusCode()));
                if (response.statusCode() != 200) {
                  failures.incrementAndGet();
                  sample("status " + response.statusCode());
                }
              } catch (RuntimeException | AssertionError e) {
                failures.incrementAndGet();
                sample(e.toString());
              }
            }
          });
    }
    clients.shutdown();
    if (!clients.awaitTermination(seconds + 120, TimeUnit.SECONDS)) {
      throw new AssertionError("clients did not finish");
    }
  }
}
