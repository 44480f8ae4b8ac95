package dev.tracegate.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tracegate.JaxRsContexts;
import dev.tracegate.RecordingSdk;
import dev.tracegate.internal.spans.SensitiveQuery;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.instrumenter.SpanKindExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerAttributesExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerAttributesGetter;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerRoute;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerRouteSource;
import io.opentelemetry.instrumentation.api.semconv.http.HttpSpanNameExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpSpanStatusExtractor;
import io.opentelemetry.instrumentation.api.semconv.network.ServerAttributesExtractor;
import io.opentelemetry.instrumentation.api.semconv.network.ServerAttributesGetter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Our SERVER spans against the reference: the same request, response and error through
 * OpenTelemetry's instrumentation API (the HTTP server conventions' own extractors, as Tracegate
 * used them before it built spans directly) must give the same name, attributes, status and
 * exception events.
 */
class ServerSpansTest {
  private static final RecordingSdk RECORDING = new RecordingSdk();
  private static final OpenTelemetrySdk SDK = RECORDING.sdk();
  private static final ServerSpans SPANS = new ServerSpans(SDK.getTracer("ours"), null);
  private static final Instrumenter<ServerRequest, Integer> REFERENCE = reference();

  @AfterAll
  static void shutdown() {
    RECORDING.close();
  }

  @Test
  void routedRequest() {
    assertSameAsReference(
        "GET",
        "http://127.0.0.1:9080/shop/api/orders/42",
        "127.0.0.1",
        Map.of("Host", "127.0.0.1:9080", "User-Agent", "tracegate-test/1.0"),
        "/shop/api/orders/{id}",
        200,
        null);
  }

  @Test
  void serverErrorWithSensitiveQuery() {
    assertSameAsReference(
        "POST",
        "http://shop.example.com/api/pay?id=7&sig=abc",
        "10.1.2.3",
        Map.of("Host", "shop.example.com"),
        "/api/pay",
        503,
        null);
  }

  @Test
  void clientErrorIsNoServerError() {
    assertSameAsReference(
        "DELETE",
        "http://127.0.0.1:9080/shop/api/orders/42",
        "127.0.0.1",
        Map.of(),
        "/shop/api/orders/{id}",
        404,
        null);
  }

  @Test
  void unknownMethodWithoutRoute() {
    assertSameAsReference(
        "PURGE", "http://127.0.0.1:9080/shop/nothing", "127.0.0.1", Map.of(), null, 404, null);
  }

  @Test
  void unknownMethodWithRoute() {
    assertSameAsReference(
        "PURGE",
        "http://127.0.0.1:9080/shop/api/cache",
        "127.0.0.1",
        Map.of(),
        "/shop/api/cache",
        204,
        null);
  }

  @Test
  void unhandledExceptionInsideWrapper() {
    assertSameAsReference(
        "GET",
        "http://127.0.0.1:9080/shop/api/fail",
        "127.0.0.1",
        Map.of(),
        null,
        500,
        new CompletionException(new IllegalStateException("broken")));
  }

  @Test
  void httpsWithoutPortBehindForwardedProxy() {
    assertSameAsReference(
        "GET",
        "https://shop.example.com/api/orders",
        "10.0.0.5",
        Map.of("Forwarded", "for=192.0.2.60;proto=http;by=203.0.113.43"),
        "/api/orders",
        200,
        null);
  }

  @Test
  void noPeerAddressFallsBackToForwardedFor() {
    assertSameAsReference(
        "GET",
        "http://127.0.0.1:9080/api/orders",
        null,
        Map.of("X-Forwarded-For", "203.0.113.7, 10.0.0.1", "X-Forwarded-Proto", "https"),
        "/api/orders",
        200,
        null);
  }

  @Test
  void noPeerAddressFallsBackToForwardedIpv6WithPort() {
    assertSameAsReference(
        "GET",
        "http://127.0.0.1:9080/api/orders",
        null,
        Map.of("Forwarded", "for=\"[2001:db8:cafe::17]:4711\""),
        "/api/orders",
        200,
        null);
  }

  @Test
  void noPeerAddressFallsBackToForwardedIpv4WithPort() {
    assertSameAsReference(
        "GET",
        "http://127.0.0.1:9080/api/orders",
        null,
        Map.of("Forwarded", "For=\"192.0.2.43:47011\", for=198.51.100.17"),
        "/api/orders",
        200,
        null);
  }

  private static void assertSameAsReference(
      String method,
      String uri,
      String peer,
      Map<String, String> headers,
      String route,
      Integer status,
      Throwable error) {
    ServerRequest request = request(method, uri, peer, headers);

    Context reference = REFERENCE.start(Context.root(), request);
    if (route != null) {
      HttpServerRoute.update(reference, HttpServerRouteSource.CONTROLLER, route);
    }
    REFERENCE.end(reference, request, status, error);
    ServerSpans.end(
        SPANS.start(Context.root(), null, request),
        route == null ? null : RouteTemplate.Route.of("/", route, method),
        status,
        error);

    List<SpanData> spans = RECORDING.takeEnded();
    assertEquals(2, spans.size());
    assertEquals(RecordingSdk.described(spans.get(0)), RecordingSdk.described(spans.get(1)));
  }

  /**
   * The instrumentation API's HTTP server conventions, read from the request as Tracegate did
   * through it.
   */
  private static Instrumenter<ServerRequest, Integer> reference() {
    ReferenceGetter getter = new ReferenceGetter();
    return Instrumenter.<ServerRequest, Integer>builder(
            SDK, "reference", HttpSpanNameExtractor.create(getter))
        .setSpanStatusExtractor(HttpSpanStatusExtractor.create(getter))
        .addAttributesExtractor(HttpServerAttributesExtractor.create(getter))
        .addAttributesExtractor(ServerAttributesExtractor.create(getter))
        .addContextCustomizer(HttpServerRoute.create(getter))
        .buildInstrumenter(SpanKindExtractor.alwaysServer());
  }

  private static final class ReferenceGetter
      implements HttpServerAttributesGetter<ServerRequest, Integer>,
          ServerAttributesGetter<ServerRequest> {
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
      return uri.getPort() > 0
          ? Integer.valueOf(uri.getPort())
          : "https".equals(uri.getScheme()) ? Integer.valueOf(443) : Integer.valueOf(80);
    }

    @Override
    public List<String> getHttpRequestHeader(ServerRequest request, String name) {
      List<String> values = request.request.getHeaders().get(name);
      return values == null ? List.of() : values;
    }

    @Override
    public Integer getHttpResponseStatusCode(
        ServerRequest request, Integer status, Throwable error) {
      return status;
    }

    @Override
    public List<String> getHttpResponseHeader(ServerRequest request, Integer status, String name) {
      return List.of();
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

  private static ServerRequest request(
      String method, String uri, String peer, Map<String, String> headers) {
    return new ServerRequest(
        JaxRsContexts.incoming(method, uri).headers(headers).peer(peer).context());
  }
}
