package dev.tracegate.internal.export;

import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.common.export.GrpcSenderProvider;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.zip.GZIPInputStream;

/**
 * A component loader that adds the exporters running on OkHttp, OTLP over gRPC and Zipkin, from the
 * jar nested in Tracegate's ({@value #NESTED_JAR}), loaded the first time they are used.
 *
 * <p>With OkHttp, Okio, Kotlin's standard library and zipkin2 they are over half of the jar's
 * classes. A server indexes every entry of a library jar for each application that sees it, and CDI
 * lists every class at deployment; nested, they are one entry. The gRPC sender is loaded at the
 * first export (through {@link DeferredSenders}, on the export thread), the Zipkin exporter when an
 * application configures it. The nested jar is copied once into {@code java.io.tmpdir} (readable by
 * the server's user only, deleted when the JVM exits), since a class loader cannot read a jar
 * within a jar.
 *
 * <p>Where the delegate finds these exporters itself (an application that brings its own, or
 * Tracegate's classes unpackaged, as in its unit tests), the nested jar is not used.
 */
public final class OkHttpExporters implements ComponentLoader {
  static final String NESTED_JAR = "META-INF/tracegate/okhttp-exporters.jar.gz";
  private static final String ZIPKIN = "zipkin";

  /** The nested jar's class loader once opened; guarded by OkHttpExporters.class. */
  private static ClassLoader nested;

  private final ComponentLoader delegate;

  public OkHttpExporters(ComponentLoader delegate) {
    this.delegate = delegate;
  }

  @Override
  public <T> Iterable<T> load(Class<T> type) {
    if (type == GrpcSenderProvider.class) {
      List<T> providers = ComponentLoader.loadList(delegate, type);
      return providers.isEmpty()
          ? List.of(
              type.cast((GrpcSenderProvider) config -> nestedGrpcSender().createSender(config)))
          : providers;
    }
    if (type == ConfigurableSpanExporterProvider.class) {
      List<T> providers = new ArrayList<>(ComponentLoader.loadList(delegate, type));
      if (providers.stream()
          .noneMatch(p -> ZIPKIN.equals(((ConfigurableSpanExporterProvider) p).getName()))) {
        providers.add(type.cast(new NestedZipkin()));
      }
      return providers;
    }
    return delegate.load(type);
  }

  private static GrpcSenderProvider nestedGrpcSender() {
    return nestedProvider(GrpcSenderProvider.class, "OTLP over gRPC");
  }

  /** Stands for the nested Zipkin exporter's provider, without loading it until it is used. */
  private static final class NestedZipkin implements ConfigurableSpanExporterProvider {
    @Override
    public String getName() {
      return ZIPKIN;
    }

    @Override
    public SpanExporter createExporter(ConfigProperties config) {
      return nestedProvider(ConfigurableSpanExporterProvider.class, "the Zipkin exporter")
          .createExporter(config);
    }
  }

  /** The nested jar's one provider of {@code type}. */
  private static <T> T nestedProvider(Class<T> type, String what) {
    ClassLoader loader = nestedLoader(what);
    return ServiceLoader.load(type, loader).stream()
        .filter(provider -> provider.type().getClassLoader() == loader)
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "Tracegate: " + NESTED_JAR + " has no " + type.getName() + " for " + what))
        .get();
  }

  private static synchronized ClassLoader nestedLoader(String what) {
    if (nested == null) {
      nested = open(what);
    }
    return nested;
  }

  private static ClassLoader open(String what) {
    ClassLoader jarLoader = OkHttpExporters.class.getClassLoader();
    try (InputStream packed = jarLoader.getResourceAsStream(NESTED_JAR)) {
      if (packed == null) {
        throw new IllegalStateException(
            "Tracegate: "
                + what
                + " needs "
                + NESTED_JAR
                + ", which this jar lacks; use the jar as released, or export over"
                + " otel.exporter.otlp.protocol=http/protobuf");
      }
      Path copy = Files.createTempFile("tracegate-okhttp-exporters-", ".jar");
      try {
        Files.copy(new GZIPInputStream(packed), copy, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        // The next export tries again: a failed copy (a full disk) must not stay behind each time.
        deleteAfterFailure(copy, e);
        throw e;
      }
      copy.toFile().deleteOnExit();
      return new URLClassLoader(new URL[] {copy.toUri().toURL()}, jarLoader);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Tracegate: "
              + what
              + " needs "
              + NESTED_JAR
              + " unpacked into java.io.tmpdir ("
              + System.getProperty("java.io.tmpdir")
              + "), which failed: "
              + e,
          e);
    }
  }

  private static void deleteAfterFailure(Path copy, IOException failure) {
    try {
      Files.deleteIfExists(copy);
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }
}
