package dev.tracegate.internal.cdi;

import dev.tracegate.internal.ApplicationTracing;
import io.opentelemetry.context.Context;
import jakarta.enterprise.inject.spi.CDI;

/** Finds the tracing of the application a call belongs to. */
public final class CurrentApplication {
  private CurrentApplication() {}

  /**
   * The tracing recorded in the context by the server filter, else that of the application whose CDI
   * container is current, else {@link ApplicationTracing#DORMANT}.
   */
  public static ApplicationTracing tracing(Context context) {
    ApplicationTracing inContext = ApplicationTracing.storedIn(context);
    return inContext != null ? inContext : tracing();
  }

  /** The tracing of the application whose CDI container is current on this thread. */
  public static ApplicationTracing tracing() {
    try {
      return CDI.current().getBeanManager().getExtension(TracingExtension.class).tracing();
    } catch (RuntimeException | LinkageError e) {
      // No CDI here (an unmanaged thread, or an application without CDI): nothing to trace with.
      return ApplicationTracing.DORMANT;
    }
  }
}
