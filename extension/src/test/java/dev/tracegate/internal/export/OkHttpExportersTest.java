package dev.tracegate.internal.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.common.export.GrpcSenderProvider;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the exporters on OkHttp add to a component loader. Loading them from the nested jar is shown
 * on the servers, with the jar as built (GrpcExportIT, ZipkinExportIT, MutualTlsExportIT); here the
 * jar's classes are unpackaged, so the nested jar is absent.
 */
class OkHttpExportersTest {
  private static ComponentLoader finding(Object... components) {
    return new ComponentLoader() {
      @Override
      public <T> Iterable<T> load(Class<T> type) {
        return List.of(components).stream().filter(type::isInstance).map(type::cast).toList();
      }
    };
  }

  private static ConfigurableSpanExporterProvider named(String name) {
    return new ConfigurableSpanExporterProvider() {
      @Override
      public String getName() {
        return name;
      }

      @Override
      public SpanExporter createExporter(ConfigProperties config) {
        return SpanExporter.composite();
      }
    };
  }

  @Test
  void aGrpcSenderTheDelegateFindsIsTheOneUsed() {
    GrpcSenderProvider own = config -> null;
    assertEquals(
        List.of(own),
        ComponentLoader.loadList(new OkHttpExporters(finding(own)), GrpcSenderProvider.class));
  }

  @Test
  void withoutOneTheNestedGrpcSenderStandsInAndIsLoadedOnlyWhenASenderIsBuilt() {
    List<GrpcSenderProvider> providers =
        ComponentLoader.loadList(new OkHttpExporters(finding()), GrpcSenderProvider.class);
    assertEquals(1, providers.size(), "one provider, so that DeferredSenders defers it");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> providers.get(0).createSender(null));
    assertTrue(e.getMessage().contains(OkHttpExporters.NESTED_JAR), e.getMessage());
    assertTrue(
        e.getMessage().contains("otel.exporter.otlp.protocol=http/protobuf"), e.getMessage());
  }

  @Test
  void zipkinIsAddedBesideTheDelegatesExportersUnlessTheDelegateHasAZipkinOfItsOwn() {
    ConfigurableSpanExporterProvider otlp = named("otlp");
    List<ConfigurableSpanExporterProvider> withNested =
        ComponentLoader.loadList(
            new OkHttpExporters(finding(otlp)), ConfigurableSpanExporterProvider.class);
    assertEquals(List.of("otlp", "zipkin"), withNested.stream().map(p -> p.getName()).toList());
    assertSame(otlp, withNested.get(0));
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> withNested.get(1).createExporter(null));
    assertTrue(e.getMessage().contains("Zipkin"), e.getMessage());

    ConfigurableSpanExporterProvider ownZipkin = named("zipkin");
    assertEquals(
        List.of(otlp, ownZipkin),
        ComponentLoader.loadList(
            new OkHttpExporters(finding(otlp, ownZipkin)), ConfigurableSpanExporterProvider.class));
  }

  @Test
  void otherComponentsAreTheDelegates() {
    Runnable other = () -> {};
    assertInstanceOf(
        Runnable.class,
        ComponentLoader.loadList(new OkHttpExporters(finding(other)), Runnable.class).get(0));
  }
}
