package dev.tracegate.internal.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.tracegate.StartedTracing;
import dev.tracegate.internal.ApplicationTracing;
import dev.tracegate.internal.config.TracingConfigException;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import zipkin2.codec.SpanBytesDecoder;

/**
 * The export choices beyond OTLP, built by autoconfigure from the same keys the application sets.
 */
class ExportFormatsTest {
  private static final TextMapSetter<Map<String, String>> MAP = Map::put;

  @Test
  void xrayTraceIdsStartWithTheEpochSecondsOfTheirStart() {
    ApplicationTracing tracing =
        StartedTracing.start(
            "xray",
            Map.of(
                "tracing.random_sampling",
                "100",
                "tracing.id_generator",
                "xray",
                "otel.traces.exporter",
                "discard"));
    try {
      long before = System.currentTimeMillis() / 1000;
      Span span = tracing.sdk().getTracer("test").spanBuilder("work").startSpan();
      long after = System.currentTimeMillis() / 1000;
      span.end();
      long seconds = Long.parseLong(span.getSpanContext().getTraceId().substring(0, 8), 16);
      assertTrue(seconds >= before && seconds <= after, span.getSpanContext().getTraceId());
    } finally {
      tracing.sdk().shutdown().join(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void xrayPropagatorWritesTheAmazonTraceHeaderBesideTraceparent() {
    ApplicationTracing tracing =
        StartedTracing.start(
            "xray-propagator",
            Map.of(
                "tracing.random_sampling",
                "100",
                "tracing.id_generator",
                "xray",
                "otel.traces.exporter",
                "discard",
                "otel.propagators",
                "tracecontext,xray"));
    try {
      Span span =
          tracing
              .sdk()
              .getTracer("test")
              .spanBuilder("call")
              .setSpanKind(SpanKind.CLIENT)
              .startSpan();
      Map<String, String> headers = new HashMap<>();
      tracing
          .sdk()
          .getPropagators()
          .getTextMapPropagator()
          .inject(Context.root().with(span), headers, MAP);
      span.end();
      String traceId = span.getSpanContext().getTraceId();
      assertEquals(
          "Root=1-"
              + traceId.substring(0, 8)
              + "-"
              + traceId.substring(8)
              + ";Parent="
              + span.getSpanContext().getSpanId()
              + ";Sampled=1",
          headers.get("X-Amzn-Trace-Id"));
      assertTrue(
          headers
              .get(W3CTraceContextPropagator.getInstance().fields().iterator().next())
              .contains(traceId));
    } finally {
      tracing.sdk().shutdown().join(5, TimeUnit.SECONDS);
    }
  }

  /** Read by Tracegate (the contrib reader calls an API method OpenTelemetry 1.68 removed). */
  @Test
  void incomingAmazonTraceHeaderAloneIsContinued() {
    ApplicationTracing tracing =
        StartedTracing.start(
            "xray-extract",
            Map.of(
                "tracing.random_sampling",
                "100",
                "otel.traces.exporter",
                "discard",
                "otel.propagators",
                "tracecontext,xray"));
    try {
      Map<String, String> headers =
          Map.of(
              "x-amzn-trace-id",
              "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
      Context extracted =
          tracing
              .sdk()
              .getPropagators()
              .getTextMapPropagator()
              .extract(
                  Context.root(),
                  headers,
                  new io.opentelemetry.context.propagation.TextMapGetter<>() {
                    @Override
                    public Iterable<String> keys(Map<String, String> carrier) {
                      return carrier.keySet();
                    }

                    @Override
                    public String get(Map<String, String> carrier, String key) {
                      return carrier.entrySet().stream()
                          .filter(e -> e.getKey().equalsIgnoreCase(key))
                          .map(Map.Entry::getValue)
                          .findFirst()
                          .orElse(null);
                    }
                  });
      assertEquals(
          "5759e988bd862e3fe1be46a994272793",
          Span.fromContext(extracted).getSpanContext().getTraceId());
      assertEquals("53995c3f42cd8ad8", Span.fromContext(extracted).getSpanContext().getSpanId());
      assertTrue(Span.fromContext(extracted).getSpanContext().isSampled());
      assertTrue(Span.fromContext(extracted).getSpanContext().isRemote());
    } finally {
      tracing.sdk().shutdown().join(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void unreadableCollectorCertificateFailsTheStartNamingTheApplication() {
    TracingConfigException e =
        assertThrows(
            TracingConfigException.class,
            () ->
                StartedTracing.start(
                    "tls-app",
                    Map.of(
                        "tracing.random_sampling",
                        "100",
                        "otel.exporter.otlp.endpoint",
                        "https://127.0.0.1:4318",
                        "otel.exporter.otlp.certificate",
                        "/nonexistent/collector-ca.pem")));
    assertTrue(
        e.getMessage().startsWith("invalid OpenTelemetry configuration for application tls-app: "),
        e.getMessage());
    assertTrue(e.getMessage().contains("/nonexistent/collector-ca.pem"), e.getMessage());
  }

  @Test
  void zipkinExporterSendsJsonV2ToTheConfiguredEndpoint() throws IOException {
    List<zipkin2.Span> received = new CopyOnWriteArrayList<>();
    HttpServer zipkin =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
    zipkin.createContext(
        "/api/v2/spans",
        exchange -> {
          // The Zipkin sender gzips its requests by default.
          boolean gzip = "gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"));
          try (InputStream body =
              gzip ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
            received.addAll(SpanBytesDecoder.JSON_V2.decodeList(body.readAllBytes()));
          }
          exchange.sendResponseHeaders(202, -1);
          exchange.close();
        });
    zipkin.start();
    ApplicationTracing tracing =
        StartedTracing.start(
            "zipkin-app",
            Map.of(
                "tracing.random_sampling",
                "100",
                "otel.traces.exporter",
                "zipkin",
                "otel.exporter.zipkin.endpoint",
                "http://127.0.0.1:" + zipkin.getAddress().getPort() + "/api/v2/spans"));
    try {
      Span span =
          tracing
              .sdk()
              .getTracer("test")
              .spanBuilder("GET /orders")
              .setSpanKind(SpanKind.SERVER)
              .startSpan();
      span.end();
      assertTrue(
          tracing.sdk().getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS).isSuccess());
      assertEquals(1, received.size(), received.toString());
      zipkin2.Span sent = received.get(0);
      assertEquals(span.getSpanContext().getTraceId(), sent.traceId());
      assertEquals(span.getSpanContext().getSpanId(), sent.id());
      assertEquals("get /orders", sent.name());
      assertEquals(zipkin2.Span.Kind.SERVER, sent.kind());
      assertEquals("zipkin-app", sent.localServiceName());
    } finally {
      tracing.sdk().shutdown().join(5, TimeUnit.SECONDS);
      zipkin.stop(0);
    }
  }
}
