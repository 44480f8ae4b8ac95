package dev.tracegate.server;

import dev.tracegate.SensitiveQuery;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerAttributesGetter;
import io.opentelemetry.instrumentation.api.semconv.network.ServerAttributesGetter;
import java.net.URI;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * What the OpenTelemetry HTTP server conventions read from a request; the response is its status code.
 * Also the {@code server.address}/{@code server.port} the request was sent to (its Host header, as
 * JAX-RS resolved it into the request URI).
 */
public final class ServerRequestAttributes
    implements HttpServerAttributesGetter<ServerRequest, Integer>, ServerAttributesGetter<ServerRequest> {

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
    return request.requestUri().getScheme();
  }

  @Override
  public String getUrlPath(ServerRequest request) {
    return request.requestUri().getRawPath();
  }

  @Override
  public String getUrlQuery(ServerRequest request) {
    return SensitiveQuery.redact(request.requestUri().getRawQuery());
  }

  @Override
  public String getServerAddress(ServerRequest request) {
    return request.requestUri().getHost();
  }

  @Override
  public Integer getServerPort(ServerRequest request) {
    URI uri = request.requestUri();
    if (uri.getPort() > 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : null;
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
    return request.peerAddress();
  }

  @Override
  public String getNetworkPeerAddress(ServerRequest request, Integer status) {
    return request.peerAddress();
  }
}
