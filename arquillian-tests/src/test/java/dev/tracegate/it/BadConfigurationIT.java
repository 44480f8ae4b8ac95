package dev.tracegate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegate.it.app.EchoResource;
import dev.tracegate.it.app.TestApplication;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A bad configuration value fails the application's deployment with one message naming the key, the
 * value and what is allowed. The bad WARs are dropped into the running server's dropins directory,
 * as a user would deploy them, and the server's log is read.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BadConfigurationIT {
  @ArquillianResource private URL base;

  /** A good application, so that Arquillian starts the server for this class. */
  @Deployment(testable = false)
  static WebArchive witness() {
    return TestServer.war(
        "bad-config-witness",
        Map.of("tracing.random_sampling", "100"),
        TestApplication.class,
        EchoResource.class);
  }

  @Test
  void samplingAboveHundredFailsDeployment() throws IOException {
    assertDeploymentFails(
        "tracing.random_sampling", "150", "must be a whole percentage from 0 to 100");
  }

  @Test
  void negativeSamplingFailsDeployment() throws IOException {
    assertDeploymentFails(
        "tracing.random_sampling", "-1", "must be a whole percentage from 0 to 100");
  }

  @Test
  void nonNumericSamplingFailsDeployment() throws IOException {
    assertDeploymentFails(
        "tracing.random_sampling", "abc", "must be a whole percentage from 0 to 100");
  }

  @Test
  void malformedEndpointFailsDeployment() throws IOException {
    assertDeploymentFails("otel.exporter.otlp.endpoint", "not a url", "is invalid");
  }

  @Test
  void endpointWithWrongSchemeFailsDeployment() throws IOException {
    assertDeploymentFails(
        "otel.exporter.otlp.endpoint", "ftp://collector:4317", "the scheme must be http or https");
  }

  @Test
  void nonBooleanSdkDisabledFailsDeployment() throws IOException {
    assertDeploymentFails("otel.sdk.disabled", "maybe", "must be true or false");
  }

  @Test
  void unknownIdGeneratorFailsDeployment() throws IOException {
    assertDeploymentFails("tracing.id_generator", "aws", "must be random or xray");
  }

  private static void assertDeploymentFails(String key, String value, String allowed)
      throws IOException {
    TestServer.assumeLiberty(
        "deploys through Liberty's dropins directory and reads Liberty's message codes; see docs/servers.md");
    String name = "bad-config-" + Math.abs((key + value).hashCode());
    Map<String, String> config =
        key.equals("tracing.random_sampling")
            ? Map.of(key, value)
            : Map.of("tracing.random_sampling", "100", key, value);
    WebArchive war = TestServer.war(name, config, TestApplication.class, EchoResource.class);
    Path dropped = TestServer.serverDir().resolve("dropins").resolve(name + ".war");
    // Written beside dropins and moved in at once: the dropins monitor must never see a
    // half-written WAR.
    Path staged = TestServer.serverDir().resolve(name + ".war.tmp");
    war.as(ZipExporter.class).exportTo(staged.toFile(), true);
    Files.move(
        staged, dropped, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    try {
      // CWWKZ0002E or CWWKZ0004E, depending on the phase Liberty was in; both carry this text.
      List<String> failure =
          TestServer.awaitLogLines(
              Duration.ofSeconds(60),
              "An exception occurred while starting the application " + name + ".");
      assertFalse(failure.isEmpty(), "deployment of " + name + " failed");
      String message = failure.get(0);
      assertTrue(message.contains(key + "=\"" + value + "\""), message);
      assertTrue(message.contains(allowed), message);
      assertEquals(
          List.of(),
          TestServer.awaitLogLines(Duration.ZERO, "CWWKZ0001I", name),
          "the application did not start");
    } finally {
      Files.deleteIfExists(dropped);
    }
  }
}
