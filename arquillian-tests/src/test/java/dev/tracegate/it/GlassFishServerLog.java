package dev.tracegate.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Makes sure a running GlassFish domain writes its server.log before tests read it.
 *
 * <p>GlassFish 7.0's {@code GlassFishLogHandler} starts its writer thread ("GlassFishLogHandler log
 * pump", top priority) before it marks itself ready; a thread that runs before that mark sees the
 * handler not ready and ends at once. From then on every record waits in the handler's buffer and
 * server.log gets nothing, not even GlassFish's own start-up lines (up to one domain start in four
 * on a busy 2-core machine). Each change of the domain's logging.properties makes GlassFish
 * reconfigure the handler: it writes the waiting records and starts a new writer thread, which can
 * lose the same race; so the file is touched until the thread runs.
 */
final class GlassFishServerLog {
  private static final String WRITER_THREAD = "\"GlassFishLogHandler log pump\"";
  private static final String RECONFIGURED = "Detected change of file:";
  private static final int ATTEMPTS = 10;

  /** The server process each domain was last found writing in. */
  private static final Map<Path, String> WRITING = new HashMap<>();

  private GlassFishServerLog() {}

  /** Returns once the domain's server writes its log; nothing to do when it is not running. */
  static synchronized void ensureWritten(Path domain) {
    Path pidFile = domain.resolve("config/pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    String pid = read(pidFile).trim();
    if (pid.equals(WRITING.get(domain))) {
      return;
    }
    Path properties = domain.resolve("config/logging.properties");
    for (int attempt = 1; !writerThreadRuns(pid); attempt++) {
      if (attempt > ATTEMPTS) {
        throw new IllegalStateException(
            "GlassFish (pid "
                + pid
                + ") does not write "
                + domain.resolve("logs/server.log")
                + ": its log writer thread did not start after "
                + ATTEMPTS
                + " changes of "
                + properties);
      }
      // In the test output, so that a run shows how often GlassFish needed this.
      System.out.println(
          "GlassFish (pid " + pid + ") has no log writer thread; touching " + properties);
      long reconfigurations = reconfigurations(domain);
      touch(properties);
      awaitReconfiguration(domain, reconfigurations);
    }
    WRITING.put(domain, pid);
  }

  /** Whether the server's thread dump has the writer thread, waiting up to 2 s for it to start. */
  private static boolean writerThreadRuns(String pid) {
    long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    do {
      if (threadDump(pid).contains(WRITER_THREAD)) {
        return true;
      }
      sleep(200);
    } while (System.nanoTime() < deadline);
    return false;
  }

  private static String threadDump(String pid) {
    try {
      Process jcmd =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                  pid,
                  "Thread.print")
              .redirectErrorStream(true)
              .start();
      String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!jcmd.waitFor(30, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
        throw new IllegalStateException("jcmd " + pid + " Thread.print failed: " + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A new modification time (a second on, as some file systems keep only seconds). */
  private static void touch(Path file) {
    try {
      Files.setLastModifiedTime(
          file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 1000));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits for GlassFish's line saying it saw logging.properties change: it reaches server.log when
   * the handler is reconfigured (it polls the file every 500 ms).
   */
  private static void awaitReconfiguration(Path domain, long before) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (reconfigurations(domain) <= before && System.nanoTime() < deadline) {
      sleep(200);
    }
  }

  private static long reconfigurations(Path domain) {
    Path log = domain.resolve("logs/server.log");
    return Files.exists(log)
        ? read(log)
            .lines()
            .filter(line -> line.contains(RECONFIGURED) && line.contains("logging.properties"))
            .count()
        : 0;
  }

  private static String read(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
