import dev.tracegate.internal.config.TracingConfig;
import dev.tracegate.internal.sdk.ApplicationSdk;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * Tracegate's own share of an application's start, in a fresh JVM with no server around it: what
 * building the SDK ({@code ApplicationSdk.assemble}, as the CDI extension does at deployment) and the
 * first span and its export cost in classes loaded and CPU time. One line per phase:
 * {@code phase classes cpu_ms wall_ms}. Start-up measured on a server varies with everything else
 * the machine does; these counts hardly do. {@code startup-cold.sh} runs it for two jars, interleaved.
 *
 * <pre>java -cp TRACEGATE_JAR:MICROPROFILE_CONFIG_API_JAR:DIR SdkColdStart http://127.0.0.1:PORT</pre>
 */
public final class SdkColdStart {
  public static void main(String[] args) throws Exception {
    Map<String, String> values = Map.of(
        "tracing.random_sampling", "100",
        "otel.exporter.otlp.protocol", "http/protobuf",
        "otel.exporter.otlp.endpoint", args[0],
        "otel.exporter.otlp.timeout", "2000");
    Phase build = new Phase("build_sdk");
    ApplicationSdk sdk = ApplicationSdk.assemble("cold-start", TracingConfig.read(config(values)),
        SdkColdStart.class.getClassLoader());
    build.end();
    Phase span = new Phase("first_span");
    sdk.sdk().getTracer("cold-start").spanBuilder("GET /").startSpan().end();
    span.end();
    // The export runs on the batch processor's thread: its CPU is not in this thread's time.
    Phase export = new Phase("first_export");
    sdk.sdk().getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
    export.end();
    sdk.sdk().shutdown().join(10, TimeUnit.SECONDS);
  }

  private static final class Phase {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final String name;
    private final long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
    private final long cpu = THREADS.getCurrentThreadCpuTime();
    private final long wall = System.nanoTime();

    Phase(String name) {
      this.name = name;
    }

    void end() {
      System.out.printf("%s\t%d\t%.1f\t%.1f%n", name,
          ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount() - classes,
          (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6, (System.nanoTime() - wall) / 1e6);
    }
  }

  /** A MicroProfile Config over a map: only what TracingConfig calls. */
  private static Config config(Map<String, String> values) {
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
