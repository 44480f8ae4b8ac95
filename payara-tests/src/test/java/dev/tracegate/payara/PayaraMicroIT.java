package dev.tracegate.payara;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Payara Micro 6.2025.10 with the Tracegate jar in a WAR's {@code WEB-INF/lib}. Payara Micro offers
 * applications its own OpenTelemetry (1.29, in {@code opentelemetry-repackaged.jar}) ahead of
 * theirs, so Tracegate's classes would run on an API older than the one they are built for: the
 * deployment fails with Tracegate's one message naming that OpenTelemetry, not with a {@code
 * NoSuchMethodError}.
 *
 * <p>Payara Micro runs as a plain process ({@code java -jar payara-micro.jar --deploy}), its output
 * in {@code target/payara-micro.log}, so the test reads exactly what a user reads.
 */
class PayaraMicroIT {
  private static final Path TARGET = Path.of(System.getProperty("basedir", "."), "target");
  private static final Path LOG = TARGET.resolve("payara-micro.log");
  private static Process payara;
  private static int port;
  private static String output;

  @BeforeAll
  static void deploy() throws Exception {
    Path war = probe("probe");
    // Payara Micro listens on all interfaces by default: keep it on the loopback interface.
    Path preBoot = TARGET.resolve("payara-preboot.txt");
    Files.writeString(
        preBoot,
        "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=127.0.0.1\n");
    port = freePort();
    payara =
        new ProcessBuilder(
                javaCommand(),
                "-Xmx512m",
                "-jar",
                TARGET.resolve("payara-micro.jar").toString(),
                "--nocluster",
                "--port",
                Integer.toString(port),
                "--rootdir",
                TARGET.resolve("payara-root").toString(),
                "--prebootcommandfile",
                preBoot.toString(),
                "--deploy",
                war.toString())
            .redirectErrorStream(true)
            .redirectOutput(LOG.toFile())
            .start();
    output = awaitStarted(Duration.ofMinutes(3));
  }

  /** The probe application, with the jar in WEB-INF/lib. */
  private static Path probe(String name) {
    Path war = TARGET.resolve(name + ".war");
    WebArchive archive =
        ShrinkWrap.create(WebArchive.class, name + ".war")
            .addClasses(HelloResource.class, HelloResource.Api.class)
            .addAsResource(
                new StringAsset("tracing.random_sampling=100\notel.traces.exporter=none\n"),
                "META-INF/microprofile-config.properties")
            .addAsLibrary(TARGET.resolve("tracegate-extension.jar").toFile());
    archive.as(ZipExporter.class).exportTo(war.toFile(), true);
    return war;
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (payara != null) {
      payara.descendants().forEach(ProcessHandle::destroy);
      payara.destroy();
      payara.waitFor();
    }
  }

  @Test
  void theDeploymentFailsWithTracegatesMessageNamingPayarasOpenTelemetry() {
    assertTrue(
        Pattern.compile(
                "Tracegate: this application sees another OpenTelemetry ahead of Tracegate's own: "
                    + "io\\.opentelemetry\\.api\\.OpenTelemetry is OpenTelemetry 1\\.29\\.\\d+ from \\S*opentelemetry-repackaged\\.jar")
            .matcher(output)
            .find(),
        "see " + LOG);
    assertTrue(output.contains("and Tracegate needs OpenTelemetry 1.68.0 or newer"), "see " + LOG);
    assertFalse(output.contains("NoSuchMethodError"), "see " + LOG);
  }

  @Test
  void theApplicationIsNotServedHalfTraced() throws Exception {
    assertEquals(404, get("/probe/api/hello").statusCode(), "see " + LOG);
  }

  private static HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(20));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Payara Micro's output once it has started (or stopped), with the deployment's outcome in it.
   */
  private static String awaitStarted(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String log = "";
    while (System.nanoTime() < deadline) {
      log = Files.exists(LOG) ? Files.readString(LOG, StandardCharsets.UTF_8) : "";
      if (!payara.isAlive()
          || List.of("Payara Micro URLs", "ready in").stream().anyMatch(log::contains)) {
        return log;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("Payara Micro did not start within " + timeout + "; see " + LOG);
  }

  private static String javaCommand() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
