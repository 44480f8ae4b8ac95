package dev.tracegate.bench.noop;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;

/**
 * Configuration n of the load benchmark: a server filter registered exactly as Tracegate's is
 * (pre-matching, request and response, through the Providers service file of a jar in lib/global)
 * that does nothing, to measure what the server charges for having such a filter at all.
 */
@PreMatching
@Priority(100)
public final class NoopServerFilter implements ContainerRequestFilter, ContainerResponseFilter {
  @Override
  public void filter(ContainerRequestContext request) {}

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {}
}
