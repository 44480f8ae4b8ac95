package dev.tracegate.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
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
    List<LogRecord> records = new ArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        records.add(record);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger[] loggers = {Logger.getLogger("dev.tracegate"), Logger.getLogger("io.opentelemetry")};
    Level[] levels = new Level[loggers.length];
    for (int i = 0; i < loggers.length; i++) {
      levels[i] = loggers[i].getLevel();
      loggers[i].setLevel(Level.ALL);
      loggers[i].addHandler(capture);
    }
    try {
      List<List<Map.Entry<String, String>>> requests = List.of(
          List.of(line("traceparent", "00-" + MARKER + "-01")),
          List.of(line("traceparent", MARKER.repeat(1000))),
          List.of(line("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"), line("tracestate", MARKER + "=\u0000")),
          List.of(line("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"), line("tracestate", "a=" + MARKER)),
          List.of(line("baggage", MARKER + "=%zz;" + MARKER), line("baggage", "\"" + MARKER + "\"")),
          List.of(line("baggage", MARKER + "=1," + MARKER.repeat(2000))));
      requests.forEach(PropagationHeadersFuzzTest::throughServerAndClient);
    } finally {
      for (int i = 0; i < loggers.length; i++) {
        loggers[i].removeHandler(capture);
        loggers[i].setLevel(levels[i]);
      }
    }
    for (LogRecord record : records) {
      String text = record.getMessage() + " " + (record.getParameters() == null ? "" : List.of(record.getParameters()));
      assertTrue(!text.contains(MARKER) && !text.contains("secret"), () -> record.getLoggerName() + " logged " + text);
    }
  }

  private static Map.Entry<String, String> line(String name, String value) {
    return new SimpleEntry<>(name, value);
  }
}
