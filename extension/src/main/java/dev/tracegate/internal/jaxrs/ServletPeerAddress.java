package dev.tracegate.internal.jaxrs;

import dev.tracegate.internal.server.ServerRequest;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import java.util.function.Supplier;

/**
 * Tells {@link ServerTracingFilter} the peer's address where the JAX-RS request does not (Jersey,
 * as in GlassFish): from the servlet request that Jakarta REST injects in a servlet container. Runs
 * just before it, and hands over a supplier, so that only a request that gets a span reads the
 * address. Registered by {@link TracingFeature} where the servlet API is there.
 */
@PreMatching
@Priority(ServerTracingFilter.PRIORITY - 1)
public final class ServletPeerAddress implements ContainerRequestFilter, Supplier<String> {
  /** A proxy of the request the current thread serves (the filter is one instance). */
  @Context private HttpServletRequest servletRequest;

  @Override
  public void filter(ContainerRequestContext request) {
    if (servletRequest != null) {
      request.setProperty(ServerRequest.PEER_ADDRESS, this);
    }
  }

  /** The address of the peer of the request this thread serves. */
  @Override
  public String get() {
    return servletRequest.getRemoteAddr();
  }
}
