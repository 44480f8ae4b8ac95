package dev.tracegate.internal.cdi;

import dev.tracegate.internal.ApplicationTracing;
import dev.tracegate.internal.config.TracingConfig;
import dev.tracegate.internal.config.TracingConfigException;
import dev.tracegate.internal.mptelemetry.TelemetryBeans;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.Config;

/**
 * The CDI portable extension that gives each application its tracing: it reads and validates the
 * application's MicroProfile Config once the application is deployed, builds its OpenTelemetry SDK,
 * and flushes and shuts that SDK down when the application stops. A bad configuration value fails
 * the deployment with one message naming the key.
 *
 * <p>Registered through {@code META-INF/services/jakarta.enterprise.inject.spi.Extension}; works
 * from {@code WEB-INF/lib} and from a server-wide library, one instance per application either way.
 */
public final class TracingExtension implements Extension {
  private volatile ApplicationTracing tracing = ApplicationTracing.DORMANT;
  private ClassLoader applicationLoader;

  /**
   * Another OpenTelemetry that Tracegate's classes would run on and cannot: then Tracegate adds
   * nothing and fails the deployment.
   */
  private Optional<String> otherOpenTelemetry = Optional.empty();

  void registerInterceptors(@Observes BeforeBeanDiscovery discovery) {
    otherOpenTelemetry = OtherOpenTelemetry.problem(TracingExtension.class);
    if (otherOpenTelemetry.isPresent()) {
      return;
    }
    InvokeAgentInterceptor.register(discovery);
    WithSpanInterceptor.register(discovery);
  }

  /** MicroProfile Telemetry's injectable OpenTelemetry, Tracer, Span and Baggage. */
  void registerTelemetryBeans(@Observes AfterBeanDiscovery discovery) {
    if (otherOpenTelemetry.isPresent()) {
      // reported here, before validation, so that it is the deployment's one error
      discovery.addDefinitionError(new DeploymentException(otherOpenTelemetry.get()));
      return;
    }
    TelemetryBeans.register(discovery, this::tracing);
  }

  void start(@Observes AfterDeploymentValidation deployment) {
    if (otherOpenTelemetry.isPresent()) {
      return;
    }
    ClassLoader applicationLoader = Thread.currentThread().getContextClassLoader();
    try {
      Optional<Config> config = CurrentApplication.config(applicationLoader);
      tracing =
          config.isEmpty()
              ? ApplicationTracing.withoutConfig(applicationName())
              : ApplicationTracing.start(
                  applicationName(), TracingConfig.read(config.get()), applicationLoader);
      this.applicationLoader = applicationLoader;
      CurrentApplication.register(applicationLoader, tracing);
    } catch (TracingConfigException e) {
      deployment.addDeploymentProblem(
          new TracingConfigException("Tracegate: " + e.getMessage(), e));
    }
  }

  void stop(@Observes BeforeShutdown shutdown) {
    ApplicationTracing stopping = tracing;
    tracing = ApplicationTracing.DORMANT;
    CurrentApplication.unregister(applicationLoader);
    applicationLoader = null;
    stopping.shutdown();
  }

  /** This application's tracing; dormant until the application is deployed and after it stops. */
  public ApplicationTracing tracing() {
    return tracing;
  }

  /** The name {@link #applicationName()} gives when the server defines none. */
  static final String UNKNOWN_APPLICATION = "unknown_service:java";

  /** The application's name, the default {@code service.name}. */
  @SuppressWarnings("BanJNDI") // a fixed java:app name the server defines, never a name from input
  static String applicationName() {
    try {
      return (String) new InitialContext().lookup("java:app/AppName");
    } catch (NamingException | RuntimeException e) {
      return UNKNOWN_APPLICATION;
    }
  }
}
