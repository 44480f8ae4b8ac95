package dev.tracegate.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegate.CapturedLogs;
import java.util.AbstractMap.SimpleEntry;
import java.util.List;
import java.util.Map;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * Tracegate's own log lines (and OpenTelemetry's, which run inside it) never carry a header value:
 * hostile headers go through the server path with every logger at its finest level, and no record's
 * message or parameters may contain them.
 */
class HeaderValuesNeverLoggedTest {
  private static final String MARKER = "secret-header-value";

  @Test
  void noLogRecordContainsAReceivedHeaderValue() {
    List<LogRecord> records;
    try (CapturedLogs logs = CapturedLogs.everythingOf("dev.tracegate", "io.opentelemetry")) {
      List<List<Map.Entry<String, String>>> requests =
          List.of(
              List.of(line("traceparent", "00-" + MARKER + "-01")),
              List.of(line("traceparent", MARKER.repeat(1000))),
              List.of(
                  line("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
                  line("tracestate", MARKER + "=\u0000")),
              List.of(
                  line("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
                  line("tracestate", "a=" + MARKER)),
              List.of(
                  line("baggage", MARKER + "=%zz;" + MARKER),
                  line("baggage", "\"" + MARKER + "\"")),
              List.of(line("baggage", MARKER + "=1," + MARKER.repeat(2000))));
      requests.forEach(PropagationHeadersFuzzTest::throughServerAndClient);
      records = logs.records();
    }
    for (LogRecord record : records) {
      String text =
          record.getMessage()
              + " "
              + (record.getParameters() == null ? "" : List.of(record.getParameters()))
              + " "
              + record.getThrown();
      assertTrue(
          !text.contains(MARKER) && !text.contains("secret"),
          () -> record.getLoggerName() + " logged " + text);
    }
  }

  private static Map.Entry<String, String> line(String name, String value) {
    return new SimpleEntry<>(name, value);
  }
}
