package dev.tracegate.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The server under test and how applications reach it: the install route (extension jar in the WAR,
 * or in the server's lib/global), the WARs tests deploy, and the server's own log.
 */
public final class TestServer {
  private TestServer() {}

  /** True when the extension jar goes into each WAR; false when the server has it in lib/global. */
  public static boolean extensionInWar() {
    return !"global".equals(System.getProperty("tracegate.install", "war"));
  }

  /**
   * A WAR with the given classes and MicroProfile Config properties, exporting to the shared OTLP
   * receiver quickly so tests need not wait out the batch processor's default delay.
   */
  public static WebArchive war(String name, Map<String, String> config, Class<?>... classes) {
    Map<String, String> properties = new java.util.LinkedHashMap<>();
    properties.put("otel.exporter.otlp.protocol", "http/protobuf");
    properties.put("otel.exporter.otlp.endpoint", OtlpReceiver.shared().endpoint());
    properties.put("otel.bsp.schedule.delay", "100");
    properties.putAll(config); // a test's own value wins; an empty one leaves the key unset, as MP Config defines
    StringBuilder file = new StringBuilder();
    properties.forEach((key, value) -> {
      if (!value.isEmpty()) {
        file.append(key).append('=').append(value).append('\n');
      }
    });
    WebArchive war = ShrinkWrap.create(WebArchive.class, name + ".war")
        .addClasses(classes)
        .addAsResource(new StringAsset(file.toString()), "META-INF/microprofile-config.properties");
    if (extensionInWar()) {
      war.addAsLibrary(new File(System.getProperty("tracegate.extension.jar", "target/tracegate-extension.jar")));
    }
    return war;
  }

  /** A WAR whose MicroProfile Config has no tracing key at all. */
  public static WebArchive unconfiguredWar(String name, Class<?>... classes) {
    WebArchive war = ShrinkWrap.create(WebArchive.class, name + ".war").addClasses(classes);
    if (extensionInWar()) {
      war.addAsLibrary(new File(System.getProperty("tracegate.extension.jar", "target/tracegate-extension.jar")));
    }
    return war;
  }

  /** The base URL of an application deployed from {@code name.war}, for deployments Arquillian does not manage. */
  public static String baseUrl(String name) {
    return "http://localhost:" + System.getProperty("tracegate.http.port") + "/" + name + "/";
  }

  /** The server's directory (wlp/usr/servers/NAME). */
  public static Path serverDir() {
    return Path.of(System.getProperty("tracegate.server.dir"));
  }

  /** Lines of the server's messages.log that contain all the given fragments, waiting for them. */
  public static List<String> awaitLogLines(Duration timeout, String... fragments) {
    return awaitLogLines(serverDir(), timeout, fragments);
  }

  /** Lines of the messages.log of the server in {@code serverDir} that contain all the given fragments, waiting for them. */
  public static List<String> awaitLogLines(Path serverDir, Duration timeout, String... fragments) {
    Path log = serverDir.resolve("logs/messages.log");
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> matching;
    do {
      matching = readLog(log).stream()
          .filter(line -> List.of(fragments).stream().allMatch(line::contains))
          .collect(Collectors.toList());
      if (!matching.isEmpty()) {
        return matching;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    } while (System.nanoTime() < deadline);
    return matching;
  }

  private static List<String> readLog(Path log) {
    try {
      return Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList() : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
