package dev.tracegate;

import dev.tracegate.internal.ApplicationTracing;
import dev.tracegate.internal.cdi.CurrentApplication;
import dev.tracegate.internal.cdi.TracingExtension;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.junit5.WeldInitiator;

/**
 * An application deployed in-process on Weld SE with Tracegate's CDI extension, as a server deploys
 * one but without the server: its MicroProfile Config comes from SmallRye, by default from the test
 * classpath's {@code META-INF/microprofile-config.properties}.
 */
public final class DeployedApplication {
  private DeployedApplication() {}

  /** A container of these bean classes and the extension, ready to start. */
  public static Weld with(Class<?>... beanClasses) {
    return WeldInitiator.createWeld()
        .addExtension(new TracingExtension())
        .addBeanClasses(beanClasses);
  }

  /** The tracing of the application whose container is running. */
  public static ApplicationTracing tracing() {
    return CurrentApplication.tracing();
  }

  /**
   * Until closed, the application started on this thread reads exactly these values instead of its
   * {@code microprofile-config.properties}: the config SmallRye would build for its class loader is
   * replaced.
   */
  public static Configured configuredWith(Map<String, String> values) {
    return new Configured(values);
  }

  /** A replaced MicroProfile Config; closing it lets the application's own come back. */
  public static final class Configured implements AutoCloseable {
    private final ConfigProviderResolver resolver = ConfigProviderResolver.instance();
    private final Config config;

    private Configured(Map<String, String> values) {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      config =
          new SmallRyeConfigBuilder()
              .forClassLoader(loader)
              .withSources(new PropertiesConfigSource(values, "test configuration", 500))
              .build();
      resolver.releaseConfig(resolver.getConfig(loader)); // SmallRye keeps one per class loader
      resolver.registerConfig(config, loader);
    }

    @Override
    public void close() {
      resolver.releaseConfig(config);
    }
  }
}
