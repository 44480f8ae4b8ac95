package dev.tracegate.internal.jaxrs;

import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;

/**
 * Registers the server filter and the recorder of unmapped exceptions on JAX-RS servers, and the
 * client filter on clients, where they are not registered yet. Listed in {@code
 * META-INF/services/jakarta.ws.rs.core.Feature}, which Jakarta REST 3.1 runtimes load ({@code
 * jakarta.ws.rs.loadServices}): Jersey (GlassFish) never reads {@code
 * META-INF/services/jakarta.ws.rs.ext.Providers}, so this is how its filters get there. RESTEasy
 * (Open Liberty, WildFly) has them from the Providers file already; the check keeps them to one
 * registration (RESTEasy warns, RESTEASY002155, on a second).
 */
public final class TracingFeature implements Feature {
  @Override
  public boolean configure(FeatureContext context) {
    if (context.getConfiguration().getRuntimeType() == RuntimeType.SERVER) {
      registerOnce(context, ServerTracingFilter.class);
      registerOnce(context, UnhandledExceptionRecorder.class);
    } else {
      registerOnce(context, ClientTracingFilter.class);
    }
    return true;
  }

  private static void registerOnce(FeatureContext context, Class<?> component) {
    if (!context.getConfiguration().isRegistered(component)) {
      context.register(component);
    }
  }
}
