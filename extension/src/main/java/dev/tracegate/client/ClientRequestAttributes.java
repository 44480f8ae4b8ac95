package dev.tracegate.client;

import dev.tracegate.SensitiveQuery;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.instrumentation.api.semconv.http.HttpClientAttributesGetter;
import jakarta.ws.rs.client.ClientRequestContext;
import java.net.URI;
import java.util.Collections;
import java.util.List;

/** What the OpenTelemetry HTTP client conventions read from an outbound call; the response is its status. */
public final class ClientRequestAttributes implements HttpClientAttributesGetter<ClientRequestContext, Integer> {

  /** Writes {@code traceparent}, {@code tracestate} (and baggage) onto the outbound request, replacing any. */
  public static final TextMapSetter<ClientRequestContext> HEADERS = (request, name, value) -> {
    if (request != null) {
      request.getHeaders().putSingle(name, value);
    }
  };

  @Override
  public String getHttpRequestMethod(ClientRequestContext request) {
    return request.getMethod();
  }

  @Override
  public String getUrlFull(ClientRequestContext request) {
    URI uri = request.getUri();
    if (uri.getRawUserInfo() == null && uri.getRawQuery() == null) {
      return uri.toString();
    }
    // Credentials in a URL are never recorded: user info, and signature-like query parameters.
    String authority = uri.getRawAuthority() == null ? ""
        : uri.getRawUserInfo() == null ? uri.getRawAuthority()
        : "REDACTED:REDACTED@" + uri.getRawAuthority().substring(uri.getRawUserInfo().length() + 1);
    return uri.getScheme() + "://" + authority
        + (uri.getRawPath() == null ? "" : uri.getRawPath())
        + (uri.getRawQuery() == null ? "" : "?" + SensitiveQuery.redact(uri.getRawQuery()))
        + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment());
  }

  @Override
  public String getServerAddress(ClientRequestContext request) {
    return request.getUri().getHost();
  }

  @Override
  public Integer getServerPort(ClientRequestContext request) {
    URI uri = request.getUri();
    if (uri.getPort() > 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : null;
  }

  @Override
  public List<String> getHttpRequestHeader(ClientRequestContext request, String name) {
    List<String> values = request.getStringHeaders().get(name);
    return values == null ? Collections.emptyList() : values;
  }

  @Override
  public Integer getHttpResponseStatusCode(ClientRequestContext request, Integer status, Throwable error) {
    return status;
  }

  @Override
  public List<String> getHttpResponseHeader(ClientRequestContext request, Integer status, String name) {
    return Collections.emptyList();
  }

  @Override
  public String getErrorType(ClientRequestContext request, Integer status, Throwable error) {
    // The real exception went to the application, out of our sight: say so with the conventions' fallback.
    return error instanceof ClientCall.NoResponse ? "_OTHER" : null;
  }
}
