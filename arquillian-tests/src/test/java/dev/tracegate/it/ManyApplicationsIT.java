package dev.tracegate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegate.it.OtlpReceiver.ReceivedSpan;
import dev.tracegate.it.app.EchoResource;
import dev.tracegate.it.app.TestApplication;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Twenty applications in one server with the jar in lib/global: they share one export pipeline, and
 * each application's spans still arrive under its own service name, sampled by its own settings.
 * Nineteen WARs are dropped into the running server's dropins directory, as a user deploys them.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ManyApplicationsIT {
  private static final int APPLICATIONS = 20;

  /** Long enough that one export batch holds the spans of several applications. */
  private static final Map<String, String> EXPORT = Map.of("otel.bsp.schedule.delay", "3000");

  @ArquillianResource private URL first;

  @Deployment(testable = false)
  static WebArchive first() {
    return war(name(0), "100");
  }

  @Test
  void everyApplicationsSpansArriveUnderItsOwnServiceNameThroughOneSharedExport()
      throws IOException {
    TestServer.assumeLiberty(
        "it deploys the other nineteen WARs through Liberty's dropins directory");
    List<Path> dropped = new ArrayList<>();
    try {
      for (int i = 1; i < APPLICATIONS; i++) {
        // The last one records no new trace: its own sampling, beside nineteen at 100 %.
        dropped.add(drop(war(name(i), i == APPLICATIONS - 1 ? "0" : "100"), name(i)));
      }
      for (int i = 1; i < APPLICATIONS; i++) {
        assertFalse(
            TestServer.awaitLogLines(Duration.ofSeconds(120), "CWWKZ0001I", " " + name(i) + " ")
                .isEmpty(),
            name(i) + " started");
      }
      for (int i = 0; i < APPLICATIONS; i++) {
        HttpResponse<String> response = Http.get(TestServer.baseUrl(name(i)) + "api/echo");
        assertEquals(200, response.statusCode(), name(i) + ": " + response.body());
      }

      Set<String> sampledServices = new TreeSet<>();
      for (int i = 0; i < APPLICATIONS - 1; i++) {
        sampledServices.add(name(i));
      }
      List<ReceivedSpan> spans =
          OtlpReceiver.shared()
              .await(
                  span -> sampledServices.contains(span.service()) && span.name().endsWith("/echo"),
                  APPLICATIONS - 1,
                  Duration.ofSeconds(30));
      assertEquals(
          sampledServices,
          spans.stream().map(ReceivedSpan::service).collect(Collectors.toCollection(TreeSet::new)));
      String unsampled = name(APPLICATIONS - 1);
      assertEquals(
          List.of(),
          OtlpReceiver.shared()
              .settle(span -> span.service().equals(unsampled), Duration.ofSeconds(1)),
          unsampled + " samples 0 % of new traces");
      if (!TestServer.extensionInWar()) {
        assertTrue(
            OtlpReceiver.shared().servicesPerRequest().stream()
                .anyMatch(
                    services ->
                        services.stream().filter(sampledServices::contains).distinct().count() > 1),
            "one OTLP request carried the spans of several applications, each under its own resource: "
                + OtlpReceiver.shared().servicesPerRequest());
      }
    } finally {
      for (Path war : dropped) {
        Files.deleteIfExists(war);
      }
      for (int i = 1; i < APPLICATIONS; i++) {
        TestServer.awaitLogLines(Duration.ofSeconds(60), "CWWKZ0009I", " " + name(i) + " ");
      }
    }
  }

  private static String name(int i) {
    return String.format("many-%02d", i);
  }

  private static WebArchive war(String name, String sampling) {
    Map<String, String> config = new java.util.HashMap<>(EXPORT);
    config.put("tracing.random_sampling", sampling);
    return TestServer.war(name, config, TestApplication.class, EchoResource.class);
  }

  private static Path drop(WebArchive war, String name) throws IOException {
    Path dropped = TestServer.serverDir().resolve("dropins").resolve(name + ".war");
    // Written beside dropins and moved in at once: the dropins monitor must never see a
    // half-written WAR.
    Path staged = TestServer.serverDir().resolve(name + ".war.tmp");
    war.as(ZipExporter.class).exportTo(staged.toFile(), true);
    Files.createDirectories(dropped.getParent());
    Files.move(
        staged, dropped, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return dropped;
  }
}
