package dev.tracegate.bench.sdkfloor;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Duration;

/**
 * The bare OpenTelemetry SDK of configuration s, built with its own builders (no autoconfigure)
 * from the same JVM options every tracer of the benchmark gets: OTLP/HTTP to the receiver, the
 * same batch processor settings as Tracegate's defaults, W3C Trace Context, parent-based
 * always-on sampling. One per server: the benchmark deploys one application.
 */
final class FloorSdk {
  static final Tracer TRACER;
  static final TextMapPropagator PROPAGATOR = W3CTraceContextPropagator.getInstance();

  static {
    String endpoint = System.getProperty("otel.exporter.otlp.endpoint", "http://127.0.0.1:4318");
    OtlpHttpSpanExporter exporter =
        OtlpHttpSpanExporter.builder()
            .setEndpoint(endpoint + "/v1/traces")
            .setMemoryMode(MemoryMode.REUSABLE_DATA)
            .build();
    BatchSpanProcessor batch =
        BatchSpanProcessor.builder(exporter)
            .setMaxQueueSize(Integer.getInteger("otel.bsp.max.queue.size", 8192))
            .setMaxExportBatchSize(Integer.getInteger("otel.bsp.max.export.batch.size", 2048))
            .setScheduleDelay(Duration.ofMillis(Long.getLong("otel.bsp.schedule.delay", 1000)))
            .build();
    Resource resource =
        Resource.getDefault().toBuilder()
            .put(
                AttributeKey.stringKey("service.name"),
                System.getProperty("otel.service.name", "sdk-floor"))
            .build();
    TRACER =
        SdkTracerProvider.builder()
            .setResource(resource)
            .addSpanProcessor(batch)
            .build()
            .get("sdk-floor");
  }

  private FloorSdk() {}
}
