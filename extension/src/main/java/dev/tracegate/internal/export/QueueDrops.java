package dev.tracegate.internal.export;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;

/**
 * The batch span processor's own count of spans dropped because its queue was full, read from the
 * counter it keeps on the application's meter provider (this reader is registered there; nothing
 * is exported). Both the legacy and the semantic-convention names of that counter are understood.
 */
public final class QueueDrops implements MetricReader {
  private static final String LEGACY_COUNTER = "processedSpans";
  private static final AttributeKey<Boolean> LEGACY_DROPPED = AttributeKey.booleanKey("dropped");
  private static final String SEMCONV_COUNTER = "otel.sdk.processor.span.processed";
  private static final AttributeKey<String> SEMCONV_ERROR = AttributeKey.stringKey("error.type");

  private volatile CollectionRegistration registration = CollectionRegistration.noop();

  /** Spans dropped so far. */
  public long total() {
    long dropped = 0;
    for (MetricData metric : registration.collectAllMetrics()) {
      if (metric.getType() != MetricDataType.LONG_SUM) {
        continue;
      }
      for (LongPointData point : metric.getLongSumData().getPoints()) {
        boolean droppedPoint = metric.getName().equals(LEGACY_COUNTER)
            ? Boolean.TRUE.equals(point.getAttributes().get(LEGACY_DROPPED))
            : metric.getName().equals(SEMCONV_COUNTER) && point.getAttributes().get(SEMCONV_ERROR) != null;
        if (droppedPoint) {
          dropped += point.getValue();
        }
      }
    }
    return dropped;
  }

  @Override
  public void register(CollectionRegistration registration) {
    this.registration = registration;
  }

  @Override
  public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
    return AggregationTemporality.CUMULATIVE;
  }

  @Override
  public CompletableResultCode forceFlush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    registration = CollectionRegistration.noop();
    return CompletableResultCode.ofSuccess();
  }
}
