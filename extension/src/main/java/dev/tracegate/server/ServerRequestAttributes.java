package dev.tracegate.server;

import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerAttributesGetter;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/** What the OpenTelemetry HTTP server conventions read from a request; the response is its status code. */
public final class ServerRequestAttributes implements HttpServerAttributesGetter<ServerRequest, Integer> {

  /**
   * Reads propagation headers. Repeated headers are joined with commas, as HTTP allows: several
   * {@code tracestate} headers become one list, and several {@code traceparent} headers become an
   * invalid value, which the W3C rules require.
   */
  public static final TextMapGetter<ServerRequest> HEADERS = new TextMapGetter<>() {
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

  @Override
  public String getHttpRequestMethod(ServerRequest request) {
    return request.request.getMethod();
  }

  @Override
  public String getUrlScheme(ServerRequest request) {
    return request.request.getUriInfo().getRequestUri().getScheme();
  }

  @Override
  public String getUrlPath(ServerRequest request) {
    return request.request.getUriInfo().getRequestUri().getRawPath();
  }

  @Override
  public String getUrlQuery(ServerRequest request) {
    return request.request.getUriInfo().getRequestUri().getRawQuery();
  }

  @Override
  public List<String> getHttpRequestHeader(ServerRequest request, String name) {
    List<String> values = request.request.getHeaders().get(name);
    return values == null ? Collections.emptyList() : values;
  }

  @Override
  public Integer getHttpResponseStatusCode(ServerRequest request, Integer status, Throwable error) {
    return status;
  }

  @Override
  public List<String> getHttpResponseHeader(ServerRequest request, Integer status, String name) {
    return Collections.emptyList();
  }

  @Override
  public String getClientAddress(ServerRequest request) {
    return request.peerAddress;
  }

  @Override
  public String getNetworkPeerAddress(ServerRequest request, Integer status) {
    return request.peerAddress;
  }

  @Override
  public Integer getNetworkPeerPort(ServerRequest request, Integer status) {
    return request.peerPort > 0 ? request.peerPort : null;
  }

  @Override
  public String getNetworkProtocolName(ServerRequest request, Integer status) {
    return request.protocol != null && request.protocol.startsWith("HTTP/") ? "http" : null;
  }

  @Override
  public String getNetworkProtocolVersion(ServerRequest request, Integer status) {
    return request.protocol != null && request.protocol.startsWith("HTTP/") ? request.protocol.substring(5) : null;
  }
}
