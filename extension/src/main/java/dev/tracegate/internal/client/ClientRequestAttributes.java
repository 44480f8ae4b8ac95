package dev.tracegate.internal.client;

import dev.tracegate.internal.spans.HttpSpanConventions;
import dev.tracegate.internal.spans.SensitiveQuery;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.semconv.UrlAttributes;
import jakarta.ws.rs.client.ClientRequestContext;
import java.net.URI;

/**
 * What the OpenTelemetry HTTP client conventions record of an outbound call: method, {@code
 * url.full}, server.
 */
public final class ClientRequestAttributes {

  /**
   * Writes {@code traceparent}, {@code tracestate} (and baggage) onto the outbound request,
   * replacing any.
   */
  public static final TextMapSetter<ClientRequestContext> HEADERS =
      (request, name, value) -> {
        if (request != null) {
          request.getHeaders().putSingle(name, value);
        }
      };

  private ClientRequestAttributes() {}

  /** Sets the call's attributes on its CLIENT span before it starts, where a sampler sees them. */
  static void setOn(SpanBuilder span, ClientRequestContext request) {
    HttpSpanConventions.setMethod(span, request.getMethod());
    URI uri = request.getUri();
    HttpSpanConventions.setServer(span, uri);
    span.setAttribute(UrlAttributes.URL_FULL, urlFull(uri));
  }

  /**
   * The URL as recorded: credentials never are, neither user info nor signature-like query
   * parameters.
   */
  static String urlFull(URI uri) {
    if (uri.getRawUserInfo() == null && uri.getRawQuery() == null) {
      return uri.toString();
    }
    String authority =
        uri.getRawAuthority() == null
            ? ""
            : uri.getRawUserInfo() == null
                ? uri.getRawAuthority()
                : "REDACTED:REDACTED@"
                    + uri.getRawAuthority().substring(uri.getRawUserInfo().length() + 1);
    return uri.getScheme()
        + "://"
        + authority
        + (uri.getRawPath() == null ? "" : uri.getRawPath())
        + (uri.getRawQuery() == null ? "" : "?" + SensitiveQuery.redact(uri.getRawQuery()))
        + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment());
  }
}
