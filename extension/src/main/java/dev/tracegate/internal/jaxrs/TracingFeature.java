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
 * registration (RESTEasy warns, RESTEASY002155, on a second). Where it registers the server filter
 * itself, it adds {@link ServletPeerAddress}, because Jersey's request does not tell the peer's
 * address.
 */
public final class TracingFeature implements Feature {
  /** Whether the servlet API is visible here (every Jakarta EE web container has it). */
  private static final boolean SERVLET_API = servletApiVisible();

  @Override
  public boolean configure(FeatureContext context) {
    if (context.getConfiguration().getRuntimeType() == RuntimeType.SERVER) {
      if (!context.getConfiguration().isRegistered(ServerTracingFilter.class)) {
        // No Providers file read (Jersey), whose request does not tell the peer's address either.
        context.register(ServerTracingFilter.class);
        if (SERVLET_API) {
          context.register(ServletPeerAddress.class);
        }
      }
      registerOnce(context, UnhandledExceptionRecorder.class);
    } else {
      registerOnce(context, ClientTracingFilter.class);
    }
    return true;
  }

  private static boolean servletApiVisible() {
    try {
      Class.forName(
          "jakarta.servlet.http.HttpServletRequest", false, TracingFeature.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private static void registerOnce(FeatureContext context, Class<?> component) {
    if (!context.getConfiguration().isRegistered(component)) {
      context.register(component);
    }
  }
}
