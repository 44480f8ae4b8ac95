package dev.tracegate.server;

import jakarta.ws.rs.core.AbstractMultivaluedMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * A request as the server filter receives it, reduced to its headers: names case-insensitive and
 * each name's values in order, as JAX-RS hands them over. Anything else a test touches fails loudly.
 */
public final class ReceivedHeaders {
  private ReceivedHeaders() {}

  /** The request the server filter would build, with these header lines (name, value) in order. */
  public static ServerRequest request(List<Map.Entry<String, String>> headerLines) {
    MultivaluedMap<String, String> headers = new AbstractMultivaluedMap<>(new TreeMap<>(String.CASE_INSENSITIVE_ORDER)) {};
    for (Map.Entry<String, String> line : headerLines) {
      headers.computeIfAbsent(line.getKey(), name -> new ArrayList<>()).add(line.getValue());
    }
    ContainerRequestContext context = (ContainerRequestContext) Proxy.newProxyInstance(
        ReceivedHeaders.class.getClassLoader(), new Class<?>[] {ContainerRequestContext.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "getHeaders" -> headers;
          case "toString" -> "request with headers " + headers.keySet();
          default -> throw new UnsupportedOperationException(method.getName() + " is not part of a header-only request");
        });
    return new ServerRequest(context);
  }
}
