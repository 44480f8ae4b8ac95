package dev.tracegate.internal.propagation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegate.CapturedLogs;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class RejectedHeadersTest {
  private static final long MINUTE = 60_000_000_000L;

  @Test
  void reportsAtOnceThenAtMostOncePerIntervalWithTheCounts() {
    AtomicLong now = new AtomicLong(5);
    RejectedHeaders rejected = new RejectedHeaders(MINUTE, now::get);
    List<LogRecord> records =
        capture(
            () -> {
              rejected.baggageMember();
              for (int i = 0; i < 1000; i++) {
                rejected.traceparent();
                rejected.baggageMember();
              }
              now.addAndGet(MINUTE);
              rejected.traceparent();
            });
    assertEquals(2, records.size(), "one report at once, one after the interval");
    assertEquals(List.of("0", "1"), List.of(records.get(0).getParameters()).subList(0, 2));
    assertEquals(List.of("1001", "1000"), List.of(records.get(1).getParameters()).subList(0, 2));
  }

  @Test
  void invalidBaggageMembersReachNeitherOpenTelemetrysParserLogNorAnyLogText() {
    String marker = "hostile-marker";
    List<LogRecord> records =
        capture(
            () -> {
              for (String baggage :
                  List.of(
                      "k=%zz" + marker,
                      "k=%4",
                      "k=%",
                      "k=v;\"" + marker + "\"",
                      "k=v;" + marker + "\\",
                      marker + "=%;;=",
                      "k=v;a=\"b\"",
                      "k=%G1",
                      "k=1%")) {
                W3CBaggage.getInstance()
                    .extract(
                        io.opentelemetry.context.Context.root(),
                        Headers.of("baggage", baggage),
                        Headers.GETTER);
              }
            });
    for (LogRecord record : records) {
      assertTrue(
          record.getLoggerName().startsWith("dev.tracegate"),
          () -> record.getLoggerName() + ": " + record.getMessage());
      String text =
          record.getMessage()
              + " "
              + (record.getParameters() == null ? "" : List.of(record.getParameters()))
              + " "
              + record.getThrown();
      assertTrue(!text.contains(marker), text);
    }
  }

  private static List<LogRecord> capture(Runnable action) {
    try (CapturedLogs logs = CapturedLogs.of("dev.tracegate", "io.opentelemetry")) {
      action.run();
      return logs.records();
    }
  }
}
