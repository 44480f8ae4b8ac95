package dev.tracegate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The log records some loggers (and their children) receive while a test runs; closing stops the
 * capture.
 */
public final class CapturedLogs implements AutoCloseable {
  private final List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());
  private final Logger[] loggers;
  private final Level[] levels;
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private CapturedLogs(Level level, String... loggerNames) {
    loggers = new Logger[loggerNames.length];
    levels = new Level[loggerNames.length];
    for (int i = 0; i < loggerNames.length; i++) {
      loggers[i] = Logger.getLogger(loggerNames[i]);
      levels[i] = loggers[i].getLevel();
      if (level != null) {
        loggers[i].setLevel(level);
      }
      loggers[i].addHandler(handler);
    }
  }

  /** Captures what these loggers log at their own levels. */
  public static CapturedLogs of(String... loggerNames) {
    return new CapturedLogs(null, loggerNames);
  }

  /** Captures everything these loggers are given, their levels set to {@code ALL} until closed. */
  public static CapturedLogs everythingOf(String... loggerNames) {
    return new CapturedLogs(Level.ALL, loggerNames);
  }

  public List<LogRecord> records() {
    synchronized (records) {
      return List.copyOf(records);
    }
  }

  @Override
  public void close() {
    for (int i = 0; i < loggers.length; i++) {
      loggers[i].removeHandler(handler);
      loggers[i].setLevel(levels[i]);
    }
  }
}
