package dev.tracegate.internal.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegate.CapturedLogs;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SpanLossReportTest {
  private CapturedLogs logs;
  private final AtomicLong clock = new AtomicLong(1_000);
  private final AtomicLong queueDrops = new AtomicLong();
  private final SpanLossReport report =
      new SpanLossReport("shop", Duration.ofSeconds(60), queueDrops::get, clock::get);

  @BeforeEach
  void captureLog() {
    logs = CapturedLogs.of(SpanLossReport.class.getName());
  }

  @AfterEach
  void releaseLog() {
    logs.close();
  }

  private List<String> warnings() {
    SimpleFormatter formatter = new SimpleFormatter();
    return logs.records().stream()
        .filter(r -> r.getLevel() == Level.WARNING)
        .map(formatter::formatMessage)
        .toList();
  }

  @Test
  void successfulExportsLogNothing() {
    report.exportFinished(512, true);
    report.exportFinished(512, true);
    assertEquals(List.of(), logs.records());
  }

  @Test
  void lostSpansAreReportedWithTheirCounts() {
    queueDrops.set(300);
    report.exportFinished(512, false);
    List<String> warnings = warnings();
    assertEquals(1, warnings.size());
    assertTrue(
        warnings
            .get(0)
            .startsWith(
                "Tracegate: application shop lost 812 spans since the last report: "
                    + "300 dropped because the export queue was full (otel.bsp.max.queue.size), 512 in exports that failed."),
        warnings.get(0));
  }

  @Test
  void atMostOneReportPerInterval() {
    report.exportFinished(10, false);
    clock.addAndGet(Duration.ofSeconds(30).toNanos());
    report.exportFinished(20, false);
    queueDrops.set(5);
    report.exportFinished(30, false);
    assertEquals(1, warnings().size(), "second and third failures fall within the interval");

    clock.addAndGet(Duration.ofSeconds(31).toNanos());
    report.exportFinished(40, false);
    assertEquals(2, warnings().size());
    assertTrue(
        warnings().get(1).contains("lost 95 spans since the last report: 5 dropped"),
        warnings().get(1));
  }

  @Test
  void recoveryIsLoggedOnce() {
    report.exportFinished(10, false);
    report.exportFinished(10, true);
    report.exportFinished(10, true);
    assertEquals(
        1, logs.records().stream().filter(r -> r.getMessage().contains("exported again")).count());
  }

  @Test
  void shutdownReportsWhatIsLeftAtOnce() {
    report.exportFinished(10, false);
    report.exportFinished(7, false);
    report.reportIfDue(true);
    assertEquals(2, warnings().size());
    assertTrue(warnings().get(1).contains("lost 7 spans"), warnings().get(1));
  }
}
