package dev.tracegate.internal.server;

import dev.tracegate.JaxRsContexts;
import java.util.List;
import java.util.Map;

/**
 * A request as the server filter receives it, reduced to its headers: names case-insensitive and
 * each name's values in order, as JAX-RS hands them over. Anything else a test touches fails
 * loudly.
 */
public final class ReceivedHeaders {
  private ReceivedHeaders() {}

  /** The request the server filter would build, with these header lines (name, value) in order. */
  public static ServerRequest request(List<Map.Entry<String, String>> headerLines) {
    return new ServerRequest(JaxRsContexts.headersOnly(headerLines));
  }
}
