package dev.tracegate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The drop-in jar as built: of OpenTelemetry it keeps under its own names only what applications
 * compile against (the API, context, {@code @WithSpan}, semantic conventions, the SDK and its
 * autoconfigure SPI); everything else it carries is relocated under {@code dev.tracegate.shaded},
 * service files included, so another OpenTelemetry in the same server neither shadows it nor finds
 * it.
 */
class ShadedJarTest {
  /**
   * Class names applications compile against: MicroProfile Telemetry 2.1's OpenTelemetry surface.
   */
  private static final Pattern PUBLIC =
      Pattern.compile(
          "io/opentelemetry/("
              + "api/.*|context/.*|common/.*|instrumentation/annotations/.*|semconv/.*"
              + "|sdk/autoconfigure/spi/((traces|metrics|logs)/)?[^/]+"
              + "|sdk/(?!autoconfigure/).*)\\.class");

  private static final String SHADED = "dev/tracegate/shaded/";

  private static final Set<String> entries = new TreeSet<>();
  private static JarFile jar;

  @BeforeAll
  static void open() throws IOException {
    // arquillian-tests copies the extension jar here before its tests run (pom.xml, execution
    // extension-jar)
    jar =
        new JarFile(
            Path.of(System.getProperty("basedir", "."), "target", "tracegate-extension.jar")
                .toFile());
    jar.stream().map(JarEntry::getName).forEach(entries::add);
  }

  @Test
  void everyClassIsTracegatesOpenTelemetrysPublicApiOrRelocated() {
    List<String> unrelocated = new ArrayList<>();
    for (String entry : entries) {
      if (entry.endsWith(".class")
          && !entry.startsWith("dev/tracegate/")
          && !PUBLIC.matcher(entry).matches()) {
        unrelocated.add(entry);
      }
    }
    assertEquals(List.of(), unrelocated);
  }

  @Test
  void theSdkAndApiKeepTheirNamesAndThePrivatePartsAreRelocatedNotDropped() {
    for (String kept :
        List.of(
            "io/opentelemetry/api/OpenTelemetry.class",
            "io/opentelemetry/sdk/OpenTelemetrySdk.class",
            "io/opentelemetry/sdk/autoconfigure/spi/traces/ConfigurableSpanExporterProvider.class",
            "io/opentelemetry/instrumentation/annotations/WithSpan.class",
            SHADED + "io/opentelemetry/sdk/autoconfigure/AutoConfiguredOpenTelemetrySdk.class",
            SHADED + "io/opentelemetry/sdk/autoconfigure/spi/internal/ComponentProvider.class",
            SHADED + "io/opentelemetry/exporter/otlp/trace/OtlpGrpcSpanExporter.class",
            SHADED + "io/opentelemetry/exporter/zipkin/ZipkinSpanExporter.class",
            SHADED + "io/opentelemetry/extension/trace/propagation/B3Propagator.class",
            SHADED + "okhttp3/OkHttpClient.class")) {
      assertTrue(entries.contains(kept), kept);
    }
    assertFalse(
        entries.stream()
            .anyMatch(e -> e.startsWith("io/opentelemetry/sdk/autoconfigure/internal/")));
    assertFalse(entries.stream().anyMatch(e -> e.startsWith("META-INF/versions/")));
  }

  @Test
  void serviceFilesNameOnlyPublicInterfacesAndListOnlyTracegatesOwnOrRelocatedClasses()
      throws IOException {
    List<String> wrong = new ArrayList<>();
    for (String entry : entries) {
      if (!entry.startsWith("META-INF/services/") || entry.endsWith("/")) {
        continue;
      }
      String service = entry.substring("META-INF/services/".length()).replace('.', '/') + ".class";
      if (service.startsWith("io/opentelemetry/")
          && !(PUBLIC.matcher(service).matches() && entries.contains(service))) {
        wrong.add(entry + ": an unrelocated private interface");
      }
      for (String implementation : implementations(jar, jar.getJarEntry(entry))) {
        String file = implementation.replace('.', '/') + ".class";
        if (!file.startsWith("dev/tracegate/") || !entries.contains(file)) {
          wrong.add(entry + ": " + implementation);
        }
      }
    }
    assertEquals(List.of(), wrong);
    assertTrue(
        entries.contains(
            "META-INF/services/dev.tracegate.shaded.io.opentelemetry.sdk.autoconfigure.spi.internal.ComponentProvider"));
  }

  private static List<String> implementations(JarFile jar, JarEntry entry) throws IOException {
    try (InputStream in = jar.getInputStream(entry)) {
      List<String> names = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String name = line.replaceFirst("#.*", "").trim();
        if (!name.isEmpty()) {
          names.add(name);
        }
      }
      return names;
    }
  }
}
