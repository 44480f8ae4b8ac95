package dev.tracegate.bench;

import dev.tracegate.internal.ApplicationTracing;
import dev.tracegate.internal.config.TracingConfig;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * Builds an application's tracing from a map, exactly as the CDI extension does from MicroProfile
 * Config.
 */
public final class BenchmarkTracing {
  private BenchmarkTracing() {}

  public static ApplicationTracing start(Map<String, String> configuration) {
    TracingConfig config = TracingConfig.read(new MapConfig(configuration));
    return ApplicationTracing.start("benchmark", config, BenchmarkTracing.class.getClassLoader());
  }

  public static void shutdown(ApplicationTracing tracing) {
    tracing.shutdown();
  }

  private record MapConfig(Map<String, String> values) implements Config {
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
      return java.util.List.of();
    }

    @Override
    public <T> Optional<Converter<T>> getConverter(Class<T> forType) {
      return Optional.empty();
    }

    @Override
    public <T> T unwrap(Class<T> type) {
      throw new IllegalArgumentException();
    }
  }
}
