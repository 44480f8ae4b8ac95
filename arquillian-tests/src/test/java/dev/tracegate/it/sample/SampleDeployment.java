package dev.tracegate.it.sample;

import dev.tracegate.it.OtlpReceiver;
import dev.tracegate.it.TestServer;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.ArchivePaths;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The sample deployed as the demo deploys it (server-config/server.xml): the one built WAR, once
 * per service, each deployment with its own context root and its own MicroProfile Config ({@code
 * otel.service.name}, {@code sample.service}), here exporting to the test's OTLP receiver.
 */
final class SampleDeployment {
  static final String MAIN_AGENT = "main-agent";
  static final String SUPPORT_AGENT = "support-agent";
  static final String ORDERS_AGENT = "orders-agent";
  static final String PAYMENT_SERVICE = "external-payment-service";
  static final String TECH_SUPPORT = "internal-tech-support";
  static final String INVENTORY = "inventory-management";

  /** Built by the sample-war module before this one (the reactor orders it by the dependency). */
  private static final Path SAMPLE_WAR =
      Path.of(
          System.getProperty("tracegate.sample.war", "../sample-war/target/tracegate-sample.war"));

  private static final ArchivePath CONFIG =
      ArchivePaths.create("WEB-INF/classes/META-INF/microprofile-config.properties");

  private SampleDeployment() {}

  /**
   * The sample WAR deployed as {@code service}: context root and application name are the
   * service's.
   */
  static WebArchive of(String service) {
    if (!Files.isRegularFile(SAMPLE_WAR)) {
      throw new IllegalStateException(
          "the sample WAR is not built: "
              + SAMPLE_WAR.toAbsolutePath()
              + " (build with: mvn -pl arquillian-tests -am verify)");
    }
    WebArchive war =
        ShrinkWrap.create(ZipImporter.class, service + ".war")
            .importFrom(SAMPLE_WAR.toFile())
            .as(WebArchive.class);
    String sampleConfig = read(war);
    war.delete(CONFIG);
    war.add(
        new StringAsset(
            sampleConfig
                + "\n# As server-config/server.xml sets them for the demo:\n"
                + "tracing.random_sampling=100\n"
                + "sample.base.url=http://127.0.0.1:"
                + TestServer.httpPort()
                + "\n"
                + "otel.service.name="
                + service
                + "\n"
                + "sample.service="
                + service
                + "\n"
                + "# The test's OTLP receiver, exported to without the batch processor's default delay:\n"
                + "otel.exporter.otlp.protocol=http/protobuf\n"
                + "otel.exporter.otlp.endpoint="
                + OtlpReceiver.shared().endpoint()
                + "\n"
                + "otel.bsp.schedule.delay=100\n"),
        CONFIG);
    if (TestServer.extensionInWar()) {
      war.addAsLibrary(
          new File(
              System.getProperty("tracegate.extension.jar", "target/tracegate-extension.jar")));
    }
    return war;
  }

  private static String read(WebArchive war) {
    try (InputStream in = war.get(CONFIG).getAsset().openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
