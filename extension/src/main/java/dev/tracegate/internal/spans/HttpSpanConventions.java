package dev.tracegate.internal.spans;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import java.net.URI;
import java.util.Set;

/**
 * What SERVER and CLIENT spans share of the OpenTelemetry HTTP span conventions (semantic
 * conventions 1.23+, stable): the request method, and how a response or an error ends the span. The
 * attribute names are the semconv library's constants.
 */
public final class HttpSpanConventions {
  /**
   * RFC 9110's methods and PATCH: any other becomes {@code _OTHER}, so a client cannot mint names.
   */
  private static final Set<String> KNOWN_METHODS =
      Set.of("CONNECT", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "TRACE");

  /**
   * The status codes up to 599, boxed once: every HTTP span records one, and outside -128..127 each
   * {@code Long.valueOf} is a new object.
   */
  private static final Long[] STATUS_CODES = new Long[600];

  /**
   * Ports boxed before, one per slot (the port's low bits): an application's spans name few ports.
   * A racy read is safe: a {@code Long}'s value is final, and a slot holding another port is only a
   * miss.
   */
  private static final Long[] PORTS = new Long[64];

  static {
    for (int status = 0; status < STATUS_CODES.length; status++) {
      STATUS_CODES[status] = (long) status;
    }
  }

  /** Which response statuses make a span an error: 5xx for a server, 4xx and 5xx for a client. */
  public enum Side {
    SERVER(500),
    CLIENT(400);

    private final int firstErrorStatus;

    Side(int firstErrorStatus) {
      this.firstErrorStatus = firstErrorStatus;
    }

    boolean isError(int status) {
      return status >= firstErrorStatus || status < 100; // below 100 is no HTTP status at all
    }
  }

  private HttpSpanConventions() {}

  /** The method as a span name starts: {@code HTTP} for one the conventions do not know. */
  public static String methodInName(String method) {
    return method != null && KNOWN_METHODS.contains(method) ? method : "HTTP";
  }

  /** {@code http.request.method}, or {@code _OTHER} with {@code http.request.method_original}. */
  public static void setMethod(SpanBuilder span, String method) {
    if (method == null) {
      return;
    }
    if (KNOWN_METHODS.contains(method)) {
      span.setAttribute(HttpAttributes.HTTP_REQUEST_METHOD, method);
    } else {
      span.setAttribute(
          HttpAttributes.HTTP_REQUEST_METHOD, HttpAttributes.HttpRequestMethodValues.OTHER);
      span.setAttribute(HttpAttributes.HTTP_REQUEST_METHOD_ORIGINAL, method);
    }
  }

  /** {@code server.address} and {@code server.port} of the URI a request was sent to. */
  public static void setServer(SpanBuilder span, URI uri) {
    if (uri.getHost() != null) {
      span.setAttribute(ServerAttributes.SERVER_ADDRESS, uri.getHost());
      int port = port(uri);
      if (port > 0) {
        span.setAttribute(ServerAttributes.SERVER_PORT, boxedPort(port));
      }
    }
  }

  private static Long boxedPort(int port) {
    int slot = port & (PORTS.length - 1);
    Long boxed = PORTS[slot];
    if (boxed == null || boxed != port) {
      boxed = (long) port;
      PORTS[slot] = boxed;
    }
    return boxed;
  }

  /** The port of a URI: its own, else the scheme's default (80, 443), else unknown (null). */
  public static Integer serverPort(URI uri) {
    int port = port(uri);
    return port > 0 ? Integer.valueOf(port) : null;
  }

  /** {@link #serverPort}, 0 for unknown, unboxed. */
  private static int port(URI uri) {
    if (uri.getPort() > 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme())
        ? 443
        : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 0;
  }

  /**
   * Ends a span with the response's status, or with the error that left no status: sets {@code
   * http.response.status_code} and {@code error.type} (the status of an error response, else {@code
   * errorTypeWithoutStatus}, else the exception's class), records the exception as an event, and
   * marks the span an error for an error status or an exception.
   *
   * @param status the response status, 0 if no response came
   * @param error what failed the request, or null
   * @param errorTypeWithoutStatus the {@code error.type} for a failure without status, or null for
   *     the exception's class
   */
  public static void end(
      Span span, Side side, int status, Throwable error, String errorTypeWithoutStatus) {
    if (status > 0) {
      span.setAttribute(
          HttpAttributes.HTTP_RESPONSE_STATUS_CODE,
          status < STATUS_CODES.length ? STATUS_CODES[status] : Long.valueOf(status));
    }
    String statusErrorType = side.isError(status) && status > 0 ? Integer.toString(status) : null;
    if (error != null) {
      SpanErrors.record(
          span, error, statusErrorType != null ? statusErrorType : errorTypeWithoutStatus);
    } else if (side.isError(status)) { // no status (0) is an error too
      span.setAttribute(
          ErrorAttributes.ERROR_TYPE,
          statusErrorType != null ? statusErrorType : ErrorAttributes.ErrorTypeValues.OTHER);
      span.setStatus(StatusCode.ERROR);
    }
    span.end();
  }
}
