package dev.tracegate.internal.export;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.function.IntConsumer;

/**
 * The application's span exporter, telling {@link QueueDrops} how many spans left the queue and the
 * {@link SpanLossReport} how each export ended.
 */
public final class ReportingSpanExporter implements SpanExporter {
  private final SpanExporter delegate;
  private final SpanLossReport report;
  private final IntConsumer handedOver;

  /**
   * @param handedOver told the size of each batch as it arrives, before it is exported
   */
  public ReportingSpanExporter(
      SpanExporter delegate, SpanLossReport report, IntConsumer handedOver) {
    this.delegate = delegate;
    this.report = report;
    this.handedOver = handedOver;
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    int count = spans.size();
    handedOver.accept(count);
    CompletableResultCode result;
    try {
      result = delegate.export(spans);
    } catch (RuntimeException e) {
      report.exportFinished(count, false);
      throw e;
    }
    result.whenComplete(() -> report.exportFinished(count, result.isSuccess()));
    return result;
  }

  @Override
  public CompletableResultCode flush() {
    return delegate.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    report.reportIfDue(true);
    return delegate.shutdown();
  }

  @Override
  public String toString() {
    return "ReportingSpanExporter{" + delegate + "}";
  }
}
