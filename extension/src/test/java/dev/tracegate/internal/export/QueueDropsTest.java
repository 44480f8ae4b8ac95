package dev.tracegate.internal.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Spans dropped from a full batch queue are counted exactly, with one exporter or several. */
class QueueDropsTest {
  private static final int QUEUE = 4;

  @Test
  void countsEverySpanBeyondTheQueueWhileTheExporterIsStuck() throws Exception {
    assertExactCounts(1);
  }

  @Test
  void countsEachBatchOnceWhenSeveralExportersReceiveIt() throws Exception {
    assertExactCounts(2);
  }

  private static void assertExactCounts(int exporterCount) throws Exception {
    QueueDrops drops = new QueueDrops();
    SpanLossReport report = new SpanLossReport(() -> "app", Duration.ofHours(1), drops::total);
    List<StuckExporter> exporters = new ArrayList<>();
    List<SpanExporter> reporting = new ArrayList<>();
    for (int i = 0; i < exporterCount; i++) {
      StuckExporter exporter = new StuckExporter();
      exporters.add(exporter);
      reporting.add(new ReportingSpanExporter(exporter, report, drops.exportListener()));
    }
    BatchSpanProcessor batch =
        BatchSpanProcessor.builder(SpanExporter.composite(reporting))
            .setMaxQueueSize(QUEUE)
            .setMaxExportBatchSize(1)
            .setScheduleDelay(Duration.ofHours(1))
            .build();
    SdkTracerProvider provider =
        SdkTracerProvider.builder().addSpanProcessor(drops.guard(batch, QUEUE)).build();
    Tracer tracer = provider.get("test");
    try {
      // A first round that goes through, so the count must also follow spans leaving the queue.
      for (int i = 0; i < QUEUE; i++) {
        tracer.spanBuilder("through").startSpan().end();
      }
      provider.forceFlush().join(10, TimeUnit.SECONDS);
      assertEquals(0, drops.total());

      StuckExporter first = exporters.get(0);
      first.entered = new CountDownLatch(1);
      first.stuck = new CountDownLatch(1);
      tracer.spanBuilder("stuck in export").startSpan().end();
      assertTrue(first.entered.await(10, TimeUnit.SECONDS), "the exporter was handed the span");
      for (int i = 0; i < 10; i++) {
        tracer.spanBuilder("queued or dropped").startSpan().end();
      }
      assertEquals(10 - QUEUE, drops.total());

      first.stuck.countDown();
      provider.forceFlush().join(10, TimeUnit.SECONDS);
      for (StuckExporter exporter : exporters) {
        assertEquals(
            QUEUE + 1 + QUEUE, exporter.exported, "every span not counted as dropped was exported");
      }
    } finally {
      exporters.get(0).stuck.countDown();
      provider.shutdown().join(10, TimeUnit.SECONDS);
    }
  }

  /** Blocks in its export while {@link #stuck} is closed. */
  private static final class StuckExporter implements SpanExporter {
    volatile CountDownLatch stuck = new CountDownLatch(0);
    volatile CountDownLatch entered = new CountDownLatch(1);
    volatile int exported;

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      entered.countDown();
      try {
        stuck.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exported += spans.size();
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
