package dev.tracegate.internal.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.tracegate.CapturedLogs;
import dev.tracegate.StartedTracing;
import dev.tracegate.internal.ApplicationTracing;
import dev.tracegate.internal.config.TracingConfig;
import dev.tracegate.internal.export.SpanLossReport;
import io.opentelemetry.api.trace.Span;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.SimpleFormatter;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import zipkin2.codec.SpanBytesDecoder;

/**
 * Applications of one server sharing an export pipeline, exporting to a real collector socket (a
 * Zipkin endpoint: its JSON names each span's service, as OTLP's resource does).
 */
class ExportPipelineTest {
  private final List<HttpServer> collectors = new ArrayList<>();
  private final List<ApplicationTracing> started = new ArrayList<>();
  private int sharedBefore;

  @BeforeEach
  void countPipelines() {
    sharedBefore = ExportPipeline.sharedCount();
  }

  @AfterEach
  void stopEverything() {
    started.forEach(tracing -> tracing.sdk().shutdown().join(10, TimeUnit.SECONDS));
    collectors.forEach(collector -> collector.stop(0));
  }

  @Test
  void applicationsWithTheSameExportShareOnePipelineAndOneThreadAndKeepTheirServiceNames()
      throws IOException {
    List<zipkin2.Span> received = new CopyOnWriteArrayList<>();
    String endpoint = collector(received);
    Set<Thread> workersBefore = batchWorkers();

    ApplicationTracing orders = start("orders", endpoint, Map.of());
    ApplicationTracing billing = start("billing", endpoint, Map.of());
    ApplicationTracing shipping = start("shipping", endpoint, Map.of());

    assertEquals(sharedBefore + 1, ExportPipeline.sharedCount());
    assertEquals(1, newThreads(workersBefore).size(), "one export thread for the three");
    String ordersTrace = endSpan(orders);
    String billingTrace = endSpan(billing);
    String shippingTrace = endSpan(shipping);
    flush(orders, received, 3);
    assertEquals(
        Map.of(ordersTrace, "orders", billingTrace, "billing", shippingTrace, "shipping"),
        servicesByTrace(received));
  }

  @Test
  void eachApplicationKeepsItsOwnSamplingOnASharedPipeline() throws IOException {
    List<zipkin2.Span> received = new CopyOnWriteArrayList<>();
    String endpoint = collector(received);
    ApplicationTracing everything = start("everything", endpoint, Map.of());
    ApplicationTracing nothing = start("nothing", endpoint, Map.of("tracing.random_sampling", "0"));

    assertEquals(sharedBefore + 1, ExportPipeline.sharedCount());
    String recorded = endSpan(everything);
    endSpan(nothing);
    flush(nothing, received, 1);
    assertEquals(Map.of(recorded, "everything"), servicesByTrace(received));
  }

  @Test
  void applicationsWithDifferentExportSettingsGetPipelinesOfTheirOwn() throws IOException {
    List<zipkin2.Span> toFirst = new CopyOnWriteArrayList<>();
    List<zipkin2.Span> toSecond = new CopyOnWriteArrayList<>();
    ApplicationTracing orders = start("orders", collector(toFirst), Map.of());
    ApplicationTracing billing = start("billing", collector(toSecond), Map.of());

    assertEquals(sharedBefore + 2, ExportPipeline.sharedCount());
    String ordersTrace = endSpan(orders);
    String billingTrace = endSpan(billing);
    flush(orders, toFirst, 1);
    flush(billing, toSecond, 1);
    assertEquals(Map.of(ordersTrace, "orders"), servicesByTrace(toFirst));
    assertEquals(Map.of(billingTrace, "billing"), servicesByTrace(toSecond));
  }

  @Test
  void anApplicationThatStopsHasItsQueuedSpansExportedAndLeavesThePipelineToTheOthers()
      throws IOException {
    List<zipkin2.Span> received = new CopyOnWriteArrayList<>();
    String endpoint = collector(received);
    // A minute between scheduled exports: only the stop can have sent the span.
    Map<String, String> slow = Map.of("otel.bsp.schedule.delay", "60000");
    ApplicationTracing orders = start("orders", endpoint, slow);
    ApplicationTracing billing = start("billing", endpoint, slow);
    String ordersTrace = endSpan(orders);

    assertTrue(orders.sdk().shutdown().join(10, TimeUnit.SECONDS).isSuccess());
    started.remove(orders);

    assertEquals(Map.of(ordersTrace, "orders"), servicesByTrace(received));
    assertEquals(sharedBefore + 1, ExportPipeline.sharedCount(), "billing still uses the pipeline");
    String billingTrace = endSpan(billing);
    flush(billing, received, 2);
    assertEquals(Map.of(ordersTrace, "orders", billingTrace, "billing"), servicesByTrace(received));
  }

  @Test
  void theLastApplicationToStopShutsThePipelineDown() throws IOException, InterruptedException {
    String endpoint = collector(new CopyOnWriteArrayList<>());
    Set<Thread> workersBefore = batchWorkers();
    ApplicationTracing orders = start("orders", endpoint, Map.of());
    ApplicationTracing billing = start("billing", endpoint, Map.of());
    Set<Thread> worker = newThreads(workersBefore);
    assertEquals(1, worker.size());

    orders.sdk().shutdown().join(10, TimeUnit.SECONDS);
    assertEquals(sharedBefore + 1, ExportPipeline.sharedCount());
    billing.sdk().shutdown().join(10, TimeUnit.SECONDS);
    started.clear();

    assertEquals(sharedBefore, ExportPipeline.sharedCount());
    Thread thread = worker.iterator().next();
    thread.join(TimeUnit.SECONDS.toMillis(5));
    assertFalse(thread.isAlive(), "the export thread ended");
  }

  @Test
  void spansLostInTheLastExportOfAStoppingApplicationAreReportedUnderItsName() throws IOException {
    String closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = "http://127.0.0.1:" + socket.getLocalPort() + "/api/v2/spans";
    }
    ApplicationTracing orders =
        start("orders", closedPort, Map.of("otel.bsp.schedule.delay", "60000"));
    endSpan(orders);

    try (CapturedLogs logs = CapturedLogs.of(SpanLossReport.class.getName())) {
      orders.sdk().shutdown().join(10, TimeUnit.SECONDS);
      started.remove(orders);

      List<String> reports =
          logs.records().stream().map(new SimpleFormatter()::formatMessage).toList();
      assertTrue(
          reports.stream()
              .anyMatch(report -> report.startsWith("Tracegate: application orders lost 1 spans")),
          () -> "reports: " + reports);
    }
  }

  @Test
  void onlyExportKeysSeparatePipelines() {
    Map<String, String> orders =
        settings(
            Map.of(
                "otel.service.name",
                "orders",
                "tracing.random_sampling",
                "100",
                "otel.resource.attributes",
                "team=a",
                "otel.exporter.otlp.endpoint",
                "http://127.0.0.1:4318"));
    Map<String, String> billing =
        settings(
            Map.of(
                "otel.service.name",
                "billing",
                "tracing.random_sampling",
                "5",
                "otel.traces.sampler",
                "always_on",
                "otel.propagators",
                "tracecontext",
                "otel.exporter.otlp.endpoint",
                "http://127.0.0.1:4318"));
    Map<String, String> elsewhere =
        settings(
            Map.of(
                "tracing.random_sampling",
                "100",
                "otel.exporter.otlp.endpoint",
                "http://127.0.0.1:4319"));
    Map<String, String> compressed =
        settings(
            Map.of(
                "tracing.random_sampling",
                "100",
                "otel.exporter.otlp.endpoint",
                "http://127.0.0.1:4318",
                "otel.exporter.otlp.compression",
                "gzip"));

    assertEquals(orders, billing);
    assertNotEquals(orders, elsewhere);
    assertNotEquals(orders, compressed);
  }

  private static Map<String, String> settings(Map<String, String> configuration) {
    return ExportPipeline.settingsOf(
        TracingConfig.read(StartedTracing.config(configuration)), List.of("otlp"));
  }

  private ApplicationTracing start(String name, String endpoint, Map<String, String> more) {
    Map<String, String> configuration =
        new HashMap<>(
            Map.of(
                "tracing.random_sampling",
                "100",
                "otel.traces.exporter",
                "zipkin",
                "otel.exporter.zipkin.endpoint",
                endpoint,
                // Short, so an export thread ends soon after its shutdown even when it was waiting
                // for the next export.
                "otel.bsp.schedule.delay",
                "200"));
    configuration.putAll(more);
    ApplicationTracing tracing = StartedTracing.start(name, configuration);
    started.add(tracing);
    return tracing;
  }

  private static String endSpan(ApplicationTracing tracing) {
    Span span = tracing.tracer("test").spanBuilder("work").startSpan();
    span.end();
    return span.getSpanContext().getTraceId();
  }

  /**
   * Flushes until the collector holds {@code spans} spans, for at most 10 s: a flush asked for just
   * as the previous one finishes gets that one's result from OpenTelemetry's batch processor,
   * without exporting what was queued since.
   */
  private static void flush(ApplicationTracing tracing, List<zipkin2.Span> received, int spans) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    do {
      assertTrue(
          tracing.sdk().getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS).isSuccess());
    } while (received.size() < spans && System.nanoTime() < deadline);
  }

  private static Map<String, String> servicesByTrace(List<zipkin2.Span> spans) {
    Map<String, String> services = new HashMap<>();
    spans.forEach(span -> services.put(span.traceId(), span.localServiceName()));
    return services;
  }

  private static Set<Thread> batchWorkers() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().startsWith("BatchSpanProcessor"))
        .collect(Collectors.toSet());
  }

  /**
   * Export threads started since {@code before} and still running; other tests' may end meanwhile.
   */
  private static Set<Thread> newThreads(Set<Thread> before) {
    Set<Thread> now = batchWorkers();
    now.removeAll(before);
    return now;
  }

  private String collector(List<zipkin2.Span> received) throws IOException {
    HttpServer zipkin =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
    zipkin.createContext(
        "/api/v2/spans",
        exchange -> {
          boolean gzip = "gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"));
          try (InputStream body =
              gzip ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
            received.addAll(SpanBytesDecoder.JSON_V2.decodeList(body.readAllBytes()));
          }
          exchange.sendResponseHeaders(202, -1);
          exchange.close();
        });
    zipkin.start();
    collectors.add(zipkin);
    return "http://127.0.0.1:" + zipkin.getAddress().getPort() + "/api/v2/spans";
  }
}
