package dev.tracegate.bench.noop;

import jakarta.annotation.Priority;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;

/** Configuration n's client side: registered as Tracegate's client filter is, and doing nothing. */
@Priority(9000)
public final class NoopClientFilter implements ClientRequestFilter, ClientResponseFilter {
  @Override
  public void filter(ClientRequestContext request) {}

  @Override
  public void filter(ClientRequestContext request, ClientResponseContext response) {}
}
