package dev.tracegate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegate.internal.ApplicationTracing;
import dev.tracegate.internal.sdk.ApplicationSdk;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Tracegate's batch processor defaults fill in only what the user left unset, and never clash with
 * it.
 */
class ExportBatchDefaultsTest {
  @Test
  void unsetQueueAndBatchBecome8192And2048() {
    assertEquals(
        Map.of("otel.bsp.max.queue.size", "8192", "otel.bsp.max.export.batch.size", "2048"),
        ApplicationSdk.exportBatchDefaults(DefaultConfigProperties.createFromMap(Map.of())));
  }

  @Test
  void aSmallerQueueOfTheUserBoundsTheBatch() {
    assertEquals(
        Map.of("otel.bsp.max.export.batch.size", "1000"),
        ApplicationSdk.exportBatchDefaults(
            DefaultConfigProperties.createFromMap(Map.of("otel.bsp.max.queue.size", "1000"))));
  }

  @Test
  void theUsersBatchSizeIsKept() {
    assertEquals(
        Map.of("otel.bsp.max.queue.size", "8192"),
        ApplicationSdk.exportBatchDefaults(
            DefaultConfigProperties.createFromMap(
                Map.of("otel.bsp.max.export.batch.size", "100"))));
  }

  @Test
  void theBuiltBatchProcessorExportsBatchesOf2048() {
    ApplicationTracing tracing =
        StartedTracing.start(
            "batches", Map.of("tracing.random_sampling", "100", "otel.traces.exporter", "discard"));
    try {
      String provider = tracing.sdk().getSdkTracerProvider().toString();
      assertTrue(provider.contains("maxExportBatchSize=2048"), provider);
    } finally {
      tracing.sdk().shutdown().join(5, TimeUnit.SECONDS);
    }
  }
}
