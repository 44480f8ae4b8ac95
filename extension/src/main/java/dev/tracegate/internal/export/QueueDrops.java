package dev.tracegate.internal.export;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntConsumer;

/**
 * Counts the spans dropped because the batch queue was full, without the metrics SDK (whose
 * instruments the batch processor would otherwise need, at a cost in start-up): the batch processor
 * is wrapped by {@link #guard}, which keeps the number of spans waiting for export (ended, not yet
 * handed to the exporter) and drops, and counts, a span that would exceed the queue's size before
 * the batch processor sees it. Its own queue therefore never overflows uncounted.
 */
public final class QueueDrops {
  private final AtomicLong waiting = new AtomicLong();
  private final LongAdder dropped = new LongAdder();
  private final AtomicBoolean exportCounted = new AtomicBoolean();

  /** Spans dropped so far. */
  public long total() {
    return dropped.sum();
  }

  /**
   * What an exporter calls with the size of each batch it is handed. With several exporters the
   * batch processor hands each batch to all of them, so only the first one asking gets a counting
   * listener.
   */
  public IntConsumer exportListener() {
    return exportCounted.compareAndSet(false, true)
        ? spans -> waiting.addAndGet(-spans)
        : spans -> {};
  }

  /** The batch processor, with spans beyond {@code queueSize} waiting dropped and counted here. */
  public SpanProcessor guard(SpanProcessor batchProcessor, int queueSize) {
    return new Guard(batchProcessor, queueSize);
  }

  private final class Guard implements SpanProcessor {
    private final SpanProcessor delegate;
    private final long queueSize;

    Guard(SpanProcessor delegate, long queueSize) {
      this.delegate = delegate;
      this.queueSize = queueSize;
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
      delegate.onStart(parentContext, span);
    }

    @Override
    public boolean isStartRequired() {
      return delegate.isStartRequired();
    }

    @Override
    public void onEnd(ReadableSpan span) {
      // The batch processor exports sampled spans only; the others pass through uncounted.
      if (span.getSpanContext().isSampled()) {
        if (waiting.incrementAndGet() > queueSize) {
          waiting.decrementAndGet();
          dropped.increment();
          return;
        }
      }
      delegate.onEnd(span);
    }

    @Override
    public boolean isEndRequired() {
      return delegate.isEndRequired();
    }

    @Override
    public CompletableResultCode forceFlush() {
      return delegate.forceFlush();
    }

    @Override
    public CompletableResultCode shutdown() {
      return delegate.shutdown();
    }

    @Override
    public String toString() {
      return "QueueDrops.Guard{" + delegate + "}";
    }
  }
}
