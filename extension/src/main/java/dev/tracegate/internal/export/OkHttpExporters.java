package dev.tracegate.internal.export;

import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.common.export.GrpcSenderProvider;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A component loader that adds the exporters running on OkHttp, OTLP over gRPC and Zipkin, from the
 * jar nested in Tracegate's ({@value #NESTED_JAR}), loaded the first time they are used.
 *
 * <p>With OkHttp, Okio, Kotlin's standard library and zipkin2 they are over half of the jar's
 * classes. A server indexes every entry of a library jar for each application that sees it, and CDI
 * lists every class at deployment; nested, they are one entry. The gRPC sender is loaded at the
 * first export (through {@link DeferredSenders}, on the export thread), the Zipkin exporter when an
 * application configures it. A class loader cannot read a jar within a jar: {@link NestedJar}
 * unpacks it into {@code java.io.tmpdir} while a pipeline that may use it is running.
 *
 * <p>Where the delegate finds these exporters itself (an application that brings its own, or
 * Tracegate's classes unpackaged, as in its unit tests), the nested jar is not used.
 */
public final class OkHttpExporters implements ComponentLoader {
  static final String NESTED_JAR = "META-INF/tracegate/okhttp-exporters.jar.gz";
  private static final String ZIPKIN = "zipkin";

  /** The nested jar of this copy of Tracegate's classes. */
  private static final NestedJar NESTED =
      new NestedJar(OkHttpExporters.class.getClassLoader(), NESTED_JAR);

  private final ComponentLoader delegate;
  private final AtomicBoolean released = new AtomicBoolean();

  /**
   * For one export pipeline, which calls {@link #release} once it has shut down; until then the
   * nested jar, once unpacked, stays unpacked.
   */
  public OkHttpExporters(ComponentLoader delegate) {
    this.delegate = delegate;
    NESTED.use();
  }

  /**
   * The pipeline has shut down: the nested jar's unpacked file is deleted if no other pipeline of
   * the server uses it. Only the first call counts.
   */
  public void release() {
    if (released.compareAndSet(false, true)) {
      NESTED.release();
    }
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
    ClassLoader loader = NESTED.loader(what);
    return ServiceLoader.load(type, loader).stream()
        .filter(provider -> provider.type().getClassLoader() == loader)
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "Tracegate: " + NESTED_JAR + " has no " + type.getName() + " for " + what))
        .get();
  }
}
