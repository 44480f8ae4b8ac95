package dev.tracegate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegate.internal.ApplicationTracing;
import dev.tracegate.internal.cdi.CurrentApplication;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.semconv.ExceptionAttributes;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * {@code otel.traces.exporter=memory}: the spans an application exports, kept for the test that
 * started it. Loaded by name through autoconfigure's SPI as a real exporter is, so the spans take
 * the production path (batch processor, span-loss reporting) before they arrive here. One
 * application at a time: the exporter is the one the application started last created.
 */
public final class ExportedSpans implements ConfigurableSpanExporterProvider {
  private static volatile KeptAfterShutdown latest;

  @Override
  public SpanExporter createExporter(ConfigProperties config) {
    KeptAfterShutdown exporter = new KeptAfterShutdown();
    latest = exporter;
    return exporter;
  }

  @Override
  public String getName() {
    return "memory";
  }

  /**
   * Every span the application has exported, in export order, once its batch processor is flushed.
   */
  public static List<SpanData> of(ApplicationTracing tracing) {
    // The batch processor may answer a flush with the result of the one before, already done, while
    // its worker has not yet cleared it, and so return before exporting what ended since. A result
    // that
    // was not done when forceFlush returned is the new flush's own; a few rounds are enough to get
    // one.
    for (int round = 0; round < 100; round++) {
      CompletableResultCode flush = tracing.sdk().getSdkTracerProvider().forceFlush();
      boolean maybeTheLastOne = flush.isDone();
      assertTrue(flush.join(10, TimeUnit.SECONDS).isSuccess(), "the batch processor did not flush");
      if (!maybeTheLastOne) {
        break;
      }
      Thread.onSpinWait();
    }
    return latest.spans.getFinishedSpanItems();
  }

  /** Every span the application whose container is running has exported, once flushed. */
  public static List<SpanData> ofCurrentApplication() {
    return of(CurrentApplication.tracing());
  }

  /** The one span the running application has exported. */
  public static SpanData only() {
    List<SpanData> spans = awaitExported(exported -> !exported.isEmpty());
    assertEquals(1, spans.size(), spans::toString);
    return spans.get(0);
  }

  /** The span of this name the running application has exported. */
  public static SpanData named(String name) {
    List<SpanData> spans =
        awaitExported(exported -> exported.stream().anyMatch(span -> span.getName().equals(name)));
    return spans.stream()
        .filter(span -> span.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no span " + name + " in " + spans));
  }

  /**
   * The running application's exported spans once {@code ready} holds of them, or after 5 s: under
   * load a flush can still return before a span that just ended reaches the exporter (about one run
   * in ten of the stage-completion tests, with the flush above alone).
   */
  private static List<SpanData> awaitExported(Predicate<List<SpanData>> ready) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    List<SpanData> spans = ofCurrentApplication();
    while (!ready.test(spans) && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
      spans = ofCurrentApplication();
    }
    return spans;
  }

  /** The {@code exception.type} of each exception event of a span. */
  public static List<String> exceptionTypes(SpanData span) {
    return span.getEvents().stream()
        .map(EventData::getAttributes)
        .map(attributes -> attributes.get(ExceptionAttributes.EXCEPTION_TYPE))
        .toList();
  }

  /** What the last started application exported, including what it flushed as it stopped. */
  public static List<SpanData> ofStoppedApplication() {
    assertTrue(latest.shutdown, "the application's exporter was not shut down");
    return latest.spans.getFinishedSpanItems();
  }

  /**
   * OpenTelemetry's in-memory exporter, except that shutting down keeps the spans for the test to
   * read.
   */
  private static final class KeptAfterShutdown implements SpanExporter {
    final InMemorySpanExporter spans = InMemorySpanExporter.create();
    volatile boolean shutdown;

    @Override
    public CompletableResultCode export(Collection<SpanData> batch) {
      return shutdown ? CompletableResultCode.ofFailure() : spans.export(batch);
    }

    @Override
    public CompletableResultCode flush() {
      return spans.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
      shutdown = true;
      return CompletableResultCode.ofSuccess();
    }
  }
}
