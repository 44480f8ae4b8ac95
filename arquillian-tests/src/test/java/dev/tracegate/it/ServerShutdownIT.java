package dev.tracegate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegate.it.OtlpReceiver.ReceivedSpan;
import dev.tracegate.it.app.LoggingResource;
import dev.tracegate.it.app.TestApplication;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A server of this test's own, in the same Liberty install, started and stopped with Liberty's
 * {@code server} command as an operator does: log records an application writes during a traced
 * request carry {@code trace_id} and {@code span_id} in Liberty's JSON messages.log, and spans
 * still queued when the whole server shuts down are flushed before it exits. Same install route as
 * the rest of this run: the jar in the WAR, or in the server's lib/global.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServerShutdownIT {
  private static final String APP = "shutdown";
  private static final Pattern TRACE_ID = Pattern.compile("\"trace_id\":\"([0-9a-f]{32})\"");
  private static final Pattern SPAN_ID = Pattern.compile("\"span_id\":\"([0-9a-f]{16})\"");
  private static final int PORT = freePort();
  private static final String SERVER = "tracegate-shutdown-" + PORT;
  private static final Path WLP = TestServer.serverDir().getParent().getParent().getParent();
  private static final Path SERVER_DIR = WLP.resolve("usr/servers").resolve(SERVER);
  private static final String TRACE = TracingIT.randomHex(32);
  private static boolean running;
  private static String serverSpanId;

  @BeforeAll
  static void startServer() throws IOException {
    TestServer.assumeLiberty(
        "starts and stops a server of its own with Liberty's server script; see docs/servers.md");
    server("create");
    Files.copy(
        Path.of("src/test/liberty/server.xml"),
        SERVER_DIR.resolve("server.xml"),
        StandardCopyOption.REPLACE_EXISTING);
    // Liberty's JSON log format, with the two fields under the names log pipelines expect.
    Files.writeString(
        SERVER_DIR.resolve("bootstrap.properties"),
        "http.port="
            + PORT
            + "\n"
            + "com.ibm.ws.logging.message.format=json\n"
            + "com.ibm.ws.logging.json.field.mappings=ext_trace_id:trace_id,ext_span_id:span_id\n");
    if (!TestServer.extensionInWar()) {
      Path global = Files.createDirectories(SERVER_DIR.resolve("lib/global"));
      Files.copy(
          Path.of(System.getProperty("tracegate.extension.jar")),
          global.resolve("tracegate-extension.jar"));
    }
    // A batch exported only once a minute: what arrives before that was flushed by the shutdown.
    TestServer.war(
            APP,
            Map.of("tracing.random_sampling", "100", "otel.bsp.schedule.delay", "60000"),
            TestApplication.class,
            LoggingResource.class)
        .as(ZipExporter.class)
        .exportTo(
            Files.createDirectories(SERVER_DIR.resolve("dropins")).resolve(APP + ".war").toFile(),
            true);
    server("start");
    running = true;
    assertFalse(
        TestServer.awaitLogLines(SERVER_DIR, Duration.ofSeconds(120), "CWWKZ0001I", APP).isEmpty(),
        APP + " started on " + SERVER);
    // The application can be started before the HTTP endpoint takes requests; the server is ready
    // once both are.
    assertFalse(
        TestServer.awaitLogLines(SERVER_DIR, Duration.ofSeconds(60), "CWWKF0011I").isEmpty(),
        SERVER + " ready");
  }

  @AfterAll
  static void stopServer() {
    if (running) {
      server("stop");
    }
  }

  @Test
  @Order(1)
  void logRecordsOfATracedRequestCarryItsTraceAndSpanIds() {
    HttpResponse<String> response =
        Http.get(
            url("api/log?message=order-A-1001-accepted"),
            "traceparent",
            "00-" + TRACE + "-" + TracingIT.randomHex(16) + "-01");
    assertEquals(200, response.statusCode(), response.body());
    List<String> lines =
        TestServer.awaitLogLines(SERVER_DIR, Duration.ofSeconds(20), "order-A-1001-accepted");
    assertEquals(1, lines.size(), lines.toString());
    String line = lines.get(0);
    assertEquals(TRACE, group(TRACE_ID, line), line);
    String spanId = group(SPAN_ID, line);
    assertTrue(spanId != null && !spanId.equals("0000000000000000"), line);

    List<String> untraced = TestServer.awaitLogLines(SERVER_DIR, Duration.ZERO, "CWWKZ0001I", APP);
    assertFalse(
        untraced.get(0).contains("trace_id"),
        "a log record outside any request has no trace id: " + untraced);
    serverSpanId = spanId;
  }

  @Test
  @Order(2)
  void spansQueuedWhenTheServerShutsDownAreFlushed() {
    assertEquals(
        List.of(),
        OtlpReceiver.shared().settle(span -> span.traceId().equals(TRACE), Duration.ofMillis(500)),
        "nothing exported yet: the batch waits a minute");
    long start = System.nanoTime();
    server("stop");
    running = false;
    long stopSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    List<ReceivedSpan> flushed =
        OtlpReceiver.shared().await(span -> span.traceId().equals(TRACE), 1, Duration.ofSeconds(5));
    assertEquals(1, flushed.size(), "stopping the server flushed the request's span: " + flushed);
    ReceivedSpan span = flushed.get(0);
    assertEquals(SpanKind.SPAN_KIND_SERVER, span.kind());
    assertEquals("GET /" + APP + "/api/log", span.name());
    if (serverSpanId != null) {
      assertEquals(serverSpanId, span.spanId(), "the log line named the request's SERVER span");
    }
    assertTrue(stopSeconds < 60, "the server stopped in " + stopSeconds + " s");
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + PORT + "/" + APP + "/" + path;
  }

  private static String group(Pattern pattern, String line) {
    Matcher matcher = pattern.matcher(line);
    return matcher.find() ? matcher.group(1) : null;
  }

  private static void server(String action) {
    try {
      Process process =
          new ProcessBuilder(WLP.resolve("bin/server").toString(), action, SERVER)
              .redirectErrorStream(true)
              .redirectOutput(new File("target/" + SERVER + "-" + action + ".out"))
              .start();
      if (!process.waitFor(180, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("server " + action + " " + SERVER + " did not finish in 180 s");
      }
      assertEquals(
          0,
          process.exitValue(),
          "server " + action + " " + SERVER + ": see target/" + SERVER + "-" + action + ".out");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * A port nobody listens on, below the kernel's ephemeral range (as scripts/free-port.sh picks),
   * so that no outgoing connection of the build takes it before the server binds it.
   */
  private static int freePort() {
    int low = 20000;
    int high = 32767;
    try {
      String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
      int ephemeralStart = Integer.parseInt(range.split("\\s+")[0]);
      if (ephemeralStart > low + 1000) {
        high = ephemeralStart - 1;
      }
    } catch (IOException | RuntimeException notLinux) {
      // The default range above.
    }
    Random random = new Random();
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = low + random.nextInt(high - low);
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        return port;
      } catch (IOException taken) {
        // Try another.
      }
    }
    throw new IllegalStateException("no free port between " + low + " and " + high);
  }
}
