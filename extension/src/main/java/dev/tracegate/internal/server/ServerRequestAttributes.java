package dev.tracegate.internal.server;

import dev.tracegate.internal.spans.HttpSpanConventions;
import dev.tracegate.internal.spans.SensitiveQuery;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.semconv.ClientAttributes;
import io.opentelemetry.semconv.NetworkAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import io.opentelemetry.semconv.UserAgentAttributes;
import java.net.URI;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * What the OpenTelemetry HTTP server conventions record of a request, read from its JAX-RS view:
 * method, {@code url.*}, {@code server.address}/{@code server.port} (the Host header, as JAX-RS
 * resolved it into the request URI), the client's and peer's address, the user agent. Behind a
 * proxy the scheme comes from {@code Forwarded}/{@code X-Forwarded-Proto}; the client's address
 * from the connection, or from {@code Forwarded}/{@code X-Forwarded-For} where JAX-RS does not tell
 * the peer.
 */
public final class ServerRequestAttributes {
  /**
   * Reads propagation headers. Repeated headers are joined with commas, as HTTP allows: several
   * {@code tracestate} headers become one list, and several {@code traceparent} headers become an
   * invalid value, which the W3C rules require.
   */
  public static final TextMapGetter<ServerRequest> HEADERS =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(ServerRequest carrier) {
          return carrier.request.getHeaders().keySet();
        }

        @Override
        public String get(ServerRequest carrier, String key) {
          List<String> values = carrier == null ? null : carrier.request.getHeaders().get(key);
          if (values == null || values.isEmpty()) {
            return null;
          }
          return values.size() == 1 ? values.get(0) : String.join(",", values);
        }

        @Override
        public Iterator<String> getAll(ServerRequest carrier, String key) {
          List<String> values = carrier == null ? null : carrier.request.getHeaders().get(key);
          return values == null ? Collections.emptyIterator() : values.iterator();
        }
      };

  private ServerRequestAttributes() {}

  /**
   * Sets the request's attributes on its SERVER span before it starts, where a sampler sees them.
   */
  static void setOn(SpanBuilder span, ServerRequest request) {
    HttpSpanConventions.setMethod(span, request.request.getMethod());
    URI uri = request.requestUri();
    String forwardedScheme = forwardedScheme(request);
    setIfPresent(
        span,
        UrlAttributes.URL_SCHEME,
        forwardedScheme != null ? forwardedScheme : uri.getScheme());
    setIfPresent(span, UrlAttributes.URL_PATH, uri.getRawPath());
    setIfPresent(span, UrlAttributes.URL_QUERY, SensitiveQuery.redact(uri.getRawQuery()));
    HttpSpanConventions.setServer(span, uri);
    String peer = request.peerAddress();
    setIfPresent(
        span, ClientAttributes.CLIENT_ADDRESS, peer != null ? peer : forwardedClient(request));
    setIfPresent(span, UserAgentAttributes.USER_AGENT_ORIGINAL, firstValue(request, "user-agent"));
    setIfPresent(span, NetworkAttributes.NETWORK_PEER_ADDRESS, peer);
  }

  private static void setIfPresent(SpanBuilder span, AttributeKey<String> key, String value) {
    if (value != null) {
      span.setAttribute(key, value);
    }
  }

  private static String firstValue(ServerRequest request, String header) {
    List<String> values = request.request.getHeaders().get(header);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static List<String> values(ServerRequest request, String header) {
    List<String> values = request.request.getHeaders().get(header);
    return values == null ? List.of() : values;
  }

  /**
   * The scheme the client used before a proxy: {@code Forwarded: proto=}, else {@code
   * X-Forwarded-Proto}.
   */
  static String forwardedScheme(ServerRequest request) {
    for (String forwarded : values(request, "forwarded")) {
      String proto = parameter(forwarded, "proto=");
      if (proto != null) {
        return proto;
      }
    }
    for (String forwardedProto : values(request, "x-forwarded-proto")) {
      String proto = token(forwardedProto, 0);
      if (proto != null) {
        return proto;
      }
    }
    return null;
  }

  /**
   * The client before a proxy: {@code Forwarded: for=}, else the first {@code X-Forwarded-For}
   * entry.
   */
  static String forwardedClient(ServerRequest request) {
    for (String forwarded : values(request, "forwarded")) {
      String client = address(parameter(forwarded, "for="));
      if (client != null) {
        return client;
      }
    }
    for (String forwardedFor : values(request, "x-forwarded-for")) {
      String client = address(token(forwardedFor, 0));
      if (client != null) {
        return client;
      }
    }
    return null;
  }

  /** The value of the first {@code name} parameter of a {@code Forwarded} element, unquoted. */
  private static String parameter(String forwarded, String name) {
    int start = forwarded.toLowerCase(Locale.ROOT).indexOf(name);
    return start < 0 ? null : token(forwarded, start + name.length());
  }

  /** The token at {@code start}, unquoted, up to the next {@code , ; "}; null if empty. */
  private static String token(String value, int start) {
    while (start < value.length() && (value.charAt(start) == '"' || value.charAt(start) == ' ')) {
      start++;
    }
    int end = start;
    while (end < value.length() && ",;\"".indexOf(value.charAt(end)) < 0) {
      end++;
    }
    return end > start ? value.substring(start, end).trim() : null;
  }

  /**
   * The address of a node: {@code [2001:db8::1]:4711} and {@code 192.0.2.1:4711} without brackets
   * and port.
   */
  private static String address(String node) {
    if (node == null || node.isEmpty()) {
      return null;
    }
    if (node.charAt(0) == '[') {
      int close = node.indexOf(']');
      return close > 1 ? node.substring(1, close) : null;
    }
    int colon = node.indexOf(':');
    // One colon is an IPv4 address or name with a port; more are an unbracketed IPv6 address.
    return colon > 0 && node.indexOf(':', colon + 1) < 0 ? node.substring(0, colon) : node;
  }
}
