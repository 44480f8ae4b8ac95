package dev.tracegate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The drop-in jar as built: of OpenTelemetry it keeps under its own names only what applications
 * compile against (the API, context, {@code @WithSpan}, semantic conventions, the SDK and its
 * autoconfigure SPI); everything else it carries is relocated under {@code dev.tracegate.shaded},
 * service files included, so another OpenTelemetry in the same server neither shadows it nor finds
 * it. The exporters that run on OkHttp (OTLP/gRPC, Zipkin) are a gzipped jar within the jar, which
 * no class of the outer jar names.
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

  private static final String NESTED = "META-INF/tracegate/okhttp-exporters.jar.gz";

  /** What the nested jar's classes are: no class of the outer jar may name them. */
  private static final Pattern NESTED_PACKAGES =
      Pattern.compile(
          SHADED
              + "(okhttp3|okio|kotlin|zipkin2|org/jetbrains|org/intellij"
              + "|io/opentelemetry/exporter/zipkin|io/opentelemetry/exporter/sender/okhttp)/");

  private static final Set<String> entries = new TreeSet<>();
  private static final Map<String, byte[]> nested = new TreeMap<>();
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
    try (JarInputStream in =
        new JarInputStream(new GZIPInputStream(jar.getInputStream(jar.getJarEntry(NESTED))))) {
      for (JarEntry entry; (entry = in.getNextJarEntry()) != null; ) {
        nested.put(entry.getName(), in.readAllBytes());
      }
    }
  }

  @Test
  void everyClassIsTracegatesOpenTelemetrysPublicApiOrRelocated() {
    List<String> unrelocated = new ArrayList<>();
    Set<String> both = new TreeSet<>(entries);
    both.addAll(nested.keySet());
    for (String entry : both) {
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
            SHADED + "io/opentelemetry/extension/trace/propagation/B3Propagator.class",
            SHADED + "io/opentelemetry/exporter/sender/jdk/internal/JdkHttpSender.class")) {
      assertTrue(entries.contains(kept), kept);
    }
    for (String kept :
        List.of(
            SHADED + "io/opentelemetry/exporter/zipkin/ZipkinSpanExporter.class",
            SHADED + "io/opentelemetry/exporter/sender/okhttp/internal/OkHttpGrpcSender.class",
            SHADED + "okhttp3/OkHttpClient.class",
            SHADED + "okio/Buffer.class",
            SHADED + "kotlin/Unit.class",
            SHADED + "zipkin2/Span.class")) {
      assertTrue(nested.containsKey(kept), kept + " in " + NESTED);
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

  @Test
  void theExportersOnOkHttpAreOnlyInTheNestedJarAndNoOuterClassNamesThem() {
    List<String> wrong = new ArrayList<>();
    for (String entry : entries) {
      if (NESTED_PACKAGES.matcher(entry).lookingAt()) {
        wrong.add(entry + ": outside " + NESTED);
      } else if (entry.endsWith(".class")) {
        try (InputStream in = jar.getInputStream(jar.getJarEntry(entry))) {
          // Class names sit in the constant pool as plain (modified) UTF-8.
          if (NESTED_PACKAGES
              .matcher(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1))
              .find()) {
            wrong.add(entry + ": names a class of " + NESTED);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    assertEquals(List.of(), wrong);
    for (String entry : nested.keySet()) {
      if (entry.endsWith(".class") && !NESTED_PACKAGES.matcher(entry).lookingAt()) {
        wrong.add(entry + ": in " + NESTED + " but not one of its packages");
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void theNestedJarListsItsGrpcSenderAndZipkinExporterAndNoHttpSender() {
    assertEquals(
        List.of(
            SHADED.replace('/', '.')
                + "io.opentelemetry.exporter.sender.okhttp.internal.OkHttpGrpcSenderProvider"),
        implementations(
            nested.get("META-INF/services/io.opentelemetry.sdk.common.export.GrpcSenderProvider")));
    assertEquals(
        List.of(
            SHADED.replace('/', '.')
                + "io.opentelemetry.exporter.zipkin.internal.ZipkinSpanExporterProvider"),
        implementations(
            nested.get(
                "META-INF/services/io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider")));
    assertEquals(
        Set.of(
            "META-INF/services/io.opentelemetry.sdk.common.export.GrpcSenderProvider",
            "META-INF/services/io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider"),
        nested.keySet().stream()
            .filter(e -> e.startsWith("META-INF/services/") && !e.endsWith("/"))
            .collect(Collectors.toSet()));
  }

  private static List<String> implementations(JarFile jar, JarEntry entry) throws IOException {
    try (InputStream in = jar.getInputStream(entry)) {
      return implementations(in.readAllBytes());
    }
  }

  private static List<String> implementations(byte[] serviceFile) {
    List<String> names = new ArrayList<>();
    for (String line : new String(serviceFile, StandardCharsets.UTF_8).split("\n")) {
      String name = line.replaceFirst("#.*", "").trim();
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
    return names;
  }
}
