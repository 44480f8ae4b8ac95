package dev.tracegate.internal.propagation;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Counts the {@code traceparent} headers and {@code baggage} members callers sent that were ignored
 * as invalid, and says so in at most one log line per interval (the first one at once). Callers
 * decide what they send; they must not decide how many lines the server logs, nor what those lines
 * say: only counts are logged, never a value.
 */
final class RejectedHeaders {
  static final RejectedHeaders INSTANCE = new RejectedHeaders(60_000_000_000L, System::nanoTime);
  private static final Logger LOG = Logger.getLogger(RejectedHeaders.class.getName());

  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private final AtomicLong traceparents = new AtomicLong();
  private final AtomicLong baggageMembers = new AtomicLong();
  private volatile long nextReportNanos;

  RejectedHeaders(long intervalNanos, LongSupplier nanoTime) {
    this.intervalNanos = intervalNanos;
    this.nanoTime = nanoTime;
    this.nextReportNanos = nanoTime.getAsLong();
  }

  /** A {@code traceparent} was ignored: malformed, repeated or oversized. */
  void traceparent() {
    traceparents.incrementAndGet();
    reportIfDue();
  }

  /** A received {@code baggage} member was left out as invalid. */
  void baggageMember() {
    baggageMembers.incrementAndGet();
    reportIfDue();
  }

  private void reportIfDue() {
    long now = nanoTime.getAsLong();
    if (now - nextReportNanos < 0) {
      return;
    }
    synchronized (this) {
      if (now - nextReportNanos < 0) {
        return; // another thread reported meanwhile
      }
      nextReportNanos = now + intervalNanos;
      long parents = traceparents.getAndSet(0);
      long members = baggageMembers.getAndSet(0);
      LOG.log(
          Level.INFO,
          "Tracegate: ignored invalid trace context sent by callers: {0} traceparent headers "
              + "and {1} baggage members since the last report (values are not logged). Next report in {2} s at "
              + "the earliest.",
          new Object[] {
            Long.toString(parents),
            Long.toString(members),
            Long.toString(intervalNanos / 1_000_000_000L)
          });
    }
  }
}
