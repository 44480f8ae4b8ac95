package dev.tracegate;

import dev.tracegate.internal.ApplicationTracing;
import dev.tracegate.internal.config.TracingConfig;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * An application's tracing started exactly as the CDI extension starts it, from configuration given
 * as a map.
 */
public final class StartedTracing {
  private StartedTracing() {}

  public static ApplicationTracing start(
      String applicationName, Map<String, String> configuration) {
    return ApplicationTracing.start(
        applicationName,
        TracingConfig.read(config(configuration)),
        StartedTracing.class.getClassLoader());
  }

  /** A MicroProfile Config over a map: the real interface, only what TracingConfig calls. */
  public static Config config(Map<String, String> values) {
    return new Config() {
      @Override
      public <T> T getValue(String name, Class<T> type) {
        return getOptionalValue(name, type).orElseThrow(NoSuchElementException::new);
      }

      @Override
      public ConfigValue getConfigValue(String name) {
        throw new UnsupportedOperationException();
      }

      @Override
      public <T> Optional<T> getOptionalValue(String name, Class<T> type) {
        return Optional.ofNullable(values.get(name)).map(type::cast);
      }

      @Override
      public Iterable<String> getPropertyNames() {
        return values.keySet();
      }

      @Override
      public Iterable<ConfigSource> getConfigSources() {
        return List.of();
      }

      @Override
      public <T> Optional<Converter<T>> getConverter(Class<T> forType) {
        return Optional.empty();
      }

      @Override
      public <T> T unwrap(Class<T> type) {
        throw new IllegalArgumentException();
      }
    };
  }
}
