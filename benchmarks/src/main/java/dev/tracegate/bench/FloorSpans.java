package dev.tracegate.bench;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.semconv.ClientAttributes;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.NetworkAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import java.util.Map;

/**
 * The floors' spans: what the bare SDK records for the benchmarks' request, with the HTTP
 * conventions' attributes Tracegate's filters record (constant values, nothing read from a
 * request), so that every floor measures the same spans.
 */
final class FloorSpans {
  /** Reads incoming headers from a map. */
  static final TextMapGetter<Map<String, String>> MAP_GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  private FloorSpans() {}

  /** The SERVER span of {@code GET /shop/api/orders/42}, child of {@code parent}. */
  static Span startServer(Tracer tracer, Context parent) {
    return tracer
        .spanBuilder("GET")
        .setSpanKind(SpanKind.SERVER)
        .setParent(parent)
        .setAttribute(HttpAttributes.HTTP_REQUEST_METHOD, "GET")
        .setAttribute(UrlAttributes.URL_SCHEME, "http")
        .setAttribute(UrlAttributes.URL_PATH, "/shop/api/orders/42")
        .setAttribute(ServerAttributes.SERVER_ADDRESS, "127.0.0.1")
        .setAttribute(ServerAttributes.SERVER_PORT, 9080L)
        .setAttribute(ClientAttributes.CLIENT_ADDRESS, "127.0.0.1")
        .setAttribute(NetworkAttributes.NETWORK_PEER_ADDRESS, "127.0.0.1")
        .startSpan();
  }

  /** Ends the SERVER span as the response filter does: named by its route, with its status. */
  static void endServer(Span server) {
    server.updateName("GET /shop/api/orders/{id}");
    server.setAttribute(HttpAttributes.HTTP_ROUTE, "/shop/api/orders/{id}");
    server.setAttribute(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, 200L);
    server.end();
  }

  /**
   * The CLIENT span of {@code POST http://127.0.0.1:9081/payments/verify}, child of the current
   * span.
   */
  static Span startClient(Tracer tracer) {
    return tracer
        .spanBuilder("POST")
        .setSpanKind(SpanKind.CLIENT)
        .setAttribute(HttpAttributes.HTTP_REQUEST_METHOD, "POST")
        .setAttribute(ServerAttributes.SERVER_ADDRESS, "127.0.0.1")
        .setAttribute(ServerAttributes.SERVER_PORT, 9081L)
        .setAttribute(UrlAttributes.URL_FULL, "http://127.0.0.1:9081/payments/verify")
        .startSpan();
  }
}
