package dev.tracegate.internal.cdi;

import dev.tracegate.internal.ApplicationTracing;
import dev.tracegate.internal.config.TracingConfig;
import dev.tracegate.internal.config.TracingConfigException;
import io.opentelemetry.context.Context;
import jakarta.enterprise.inject.spi.CDI;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** Finds the tracing of the application a call belongs to. */
public final class CurrentApplication {
  private static final Logger LOG = Logger.getLogger(CurrentApplication.class.getName());

  private CurrentApplication() {}

  /**
   * The tracing recorded in the context by the server filter, else that of the application whose
   * CDI container is current, else {@link ApplicationTracing#DORMANT}.
   */
  public static ApplicationTracing tracing(Context context) {
    ApplicationTracing inContext = ApplicationTracing.storedIn(context);
    return inContext != null ? inContext : tracing();
  }

  /**
   * The tracing of the application whose CDI container is current on this thread, else that of the
   * application whose class loader is the thread's context class loader.
   */
  public static ApplicationTracing tracing() {
    if (!ApplicationTracing.anyStarted()) {
      return ApplicationTracing.DORMANT;
    }
    ApplicationTracing ofContainer = ofCdiContainer();
    if (ofContainer != null) {
      return ofContainer;
    }
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    ApplicationTracing byLoader = loader == null ? null : BY_LOADER.get(loader);
    return byLoader != null ? byLoader : ApplicationTracing.DORMANT;
  }

  /**
   * The tracing of the application whose CDI container is current on this thread; null where there
   * is none: a thread the application started itself (WildFly's CDI lookup fails there for a
   * server-wide jar), or an application without CDI.
   */
  private static ApplicationTracing ofCdiContainer() {
    try {
      return CDI.current().getBeanManager().getExtension(TracingExtension.class).tracing();
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }

  /**
   * Applications' tracing by class loader, for threads where no CDI container is current: CDI
   * applications', each entry going when its application stops, and that of applications that are
   * no CDI deployment; weak, so an undeployed application's loader can go.
   */
  private static final Map<ClassLoader, ApplicationTracing> BY_LOADER =
      Collections.synchronizedMap(new WeakHashMap<>());

  static void register(ClassLoader applicationLoader, ApplicationTracing tracing) {
    if (applicationLoader != null && tracing.enabled()) {
      BY_LOADER.put(applicationLoader, tracing);
    }
  }

  static void unregister(ClassLoader applicationLoader) {
    if (applicationLoader != null) {
      BY_LOADER.remove(applicationLoader);
    }
  }

  /**
   * The tracing of the application whose request this thread serves: its CDI container's, or, for
   * an application that is no CDI deployment (no CDI container runs the extension), one started
   * from the MicroProfile Config of {@code applicationLoader}, once per class loader.
   */
  public static ApplicationTracing tracingOfRequest(ClassLoader applicationLoader) {
    ApplicationTracing ofContainer = ofCdiContainer();
    if (ofContainer != null) {
      return ofContainer;
    }
    return applicationLoader == null
        ? ApplicationTracing.DORMANT
        : BY_LOADER.computeIfAbsent(applicationLoader, CurrentApplication::startWithoutCdi);
  }

  /**
   * The MicroProfile Config of the application with this class loader; empty where the server has
   * no MicroProfile Config implementation for it yet (GlassFish: until an application that uses
   * MicroProfile Config is deployed).
   */
  static Optional<Config> config(ClassLoader applicationLoader) {
    try {
      return Optional.of(ConfigProvider.getConfig(applicationLoader));
    } catch (IllegalStateException e) {
      return Optional.empty(); // "No ConfigProviderResolver implementation found!"
    }
  }

  private static ApplicationTracing startWithoutCdi(ClassLoader applicationLoader) {
    String name = TracingExtension.applicationName();
    try {
      Optional<Config> config = config(applicationLoader);
      if (config.isEmpty()) {
        if (TracingExtension.UNKNOWN_APPLICATION.equals(name)) {
          // Not a deployed application: the server's own endpoints (GlassFish's admin REST API).
          LOG.fine("Tracegate: no tracing for JAX-RS outside any application");
          return ApplicationTracing.DORMANT;
        }
        return ApplicationTracing.withoutConfig(name);
      }
      ApplicationTracing tracing =
          ApplicationTracing.start(name, TracingConfig.read(config.get()), applicationLoader);
      if (tracing.enabled()) {
        LOG.info(
            () ->
                "Tracegate: application "
                    + name
                    + " is no CDI deployment: its tracing started with its first "
                    + "request, and spans still queued when the application stops may be lost (an empty WEB-INF/beans.xml "
                    + "makes it a CDI deployment, whose spans are flushed when it stops)");
      }
      return tracing;
    } catch (TracingConfigException e) {
      LOG.severe(() -> "Tracegate: application " + name + " is not traced: " + e.getMessage());
      return ApplicationTracing.DORMANT;
    } catch (RuntimeException | LinkageError e) {
      LOG.log(
          Level.WARNING,
          "Tracegate: application "
              + name
              + " is no CDI deployment and its MicroProfile Config "
              + "could not be read, so it is not traced; add an empty WEB-INF/beans.xml to trace it",
          e);
      return ApplicationTracing.DORMANT;
    }
  }
}
