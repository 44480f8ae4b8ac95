package dev.tracegate.internal.export;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Counts the spans an application lost while its collector was unreachable, refusing or too slow,
 * and says so in the log at most once per interval, with the counts. Two ways to lose a span: the
 * batch queue was full (the batch processor dropped it rather than block a request), or the export
 * that carried it failed. A line also says when exports succeed again.
 */
public final class SpanLossReport {
  private static final Logger LOG = Logger.getLogger(SpanLossReport.class.getName());

  /** The application, or the applications sharing one export, the report speaks of. */
  private final Supplier<String> applicationName;

  private final long intervalNanos;
  private final LongSupplier queueDropsSoFar;
  private final LongSupplier nanoTime;
  private final AtomicLong failedExportSpans = new AtomicLong();
  private long reportedQueueDrops;
  private long lastCheckNanos;
  private boolean checkedOnce;
  private boolean failing;

  /**
   * @param queueDropsSoFar the batch processor's running total of spans dropped because its queue
   *     was full
   */
  public SpanLossReport(
      Supplier<String> applicationName, Duration interval, LongSupplier queueDropsSoFar) {
    this(applicationName, interval, queueDropsSoFar, System::nanoTime);
  }

  SpanLossReport(
      String applicationName,
      Duration interval,
      LongSupplier queueDropsSoFar,
      LongSupplier nanoTime) {
    this(() -> applicationName, interval, queueDropsSoFar, nanoTime);
  }

  SpanLossReport(
      Supplier<String> applicationName,
      Duration interval,
      LongSupplier queueDropsSoFar,
      LongSupplier nanoTime) {
    this.applicationName = applicationName;
    this.intervalNanos = interval.toNanos();
    this.queueDropsSoFar = queueDropsSoFar;
    this.nanoTime = nanoTime;
  }

  /** An export finished: its spans are lost if it failed. */
  public void exportFinished(int spans, boolean success) {
    if (!success) {
      failedExportSpans.addAndGet(spans);
    }
    boolean recovered;
    synchronized (this) {
      recovered = success && failing;
      failing = !success;
    }
    if (recovered) {
      LOG.info(
          () ->
              "Tracegate: spans of application " + applicationName.get() + " are exported again.");
    }
    reportIfDue(false);
  }

  /**
   * Logs the spans lost since the last report, if there are any and an interval has passed since
   * the last check (or {@code now}).
   */
  public synchronized void reportIfDue(boolean now) {
    long time = nanoTime.getAsLong();
    // Checking at most once per interval also keeps reading the counters off the export path.
    if (!now && checkedOnce && time - lastCheckNanos < intervalNanos) {
      return;
    }
    checkedOnce = true;
    lastCheckNanos = time;
    long queueDrops = queueDropsSoFar.getAsLong();
    long dropped = queueDrops - reportedQueueDrops;
    long failed = failedExportSpans.get();
    if (dropped + failed == 0) {
      return;
    }
    failedExportSpans.addAndGet(-failed);
    reportedQueueDrops = queueDrops;
    LOG.log(
        Level.WARNING,
        "Tracegate: application {0} lost {1} spans since the last report: {2} dropped because "
            + "the export queue was full (otel.bsp.max.queue.size), {3} in exports that failed. The collector is "
            + "unreachable, refusing or too slow; requests are not affected and export resumes by itself. "
            + "Next report in {4} s at the earliest.",
        // Strings, so MessageFormat prints plain digits (no grouping) that scripts can parse.
        new Object[] {
          applicationName.get(),
          Long.toString(dropped + failed),
          Long.toString(dropped),
          Long.toString(failed),
          Long.toString(intervalNanos / 1_000_000_000L)
        });
  }
}
