package dev.tracegate.bench.sdkfloor;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import jakarta.annotation.Priority;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import java.net.URI;

/**
 * Configuration s's client side: the CLIENT span of an outbound call on the bare SDK, a child of
 * the current span, its {@code traceparent} injected into the call, registered as Tracegate's
 * client filter is.
 */
@Priority(9000)
public final class SdkFloorClientFilter implements ClientRequestFilter, ClientResponseFilter {
  private static final String SPAN = SdkFloorClientFilter.class.getName() + ".span";

  @Override
  public void filter(ClientRequestContext request) {
    URI uri = request.getUri();
    Span span =
        FloorSdk.TRACER
            .spanBuilder(request.getMethod())
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute(HttpAttributes.HTTP_REQUEST_METHOD, request.getMethod())
            .setAttribute(ServerAttributes.SERVER_ADDRESS, uri.getHost())
            .setAttribute(ServerAttributes.SERVER_PORT, (long) uri.getPort())
            .setAttribute(UrlAttributes.URL_FULL, uri.toString())
            .startSpan();
    FloorSdk.PROPAGATOR.inject(
        Context.current().with(span),
        request,
        (carrier, key, value) -> carrier.getHeaders().putSingle(key, value));
    request.setProperty(SPAN, span);
  }

  @Override
  public void filter(ClientRequestContext request, ClientResponseContext response) {
    Span span = (Span) request.getProperty(SPAN);
    if (span != null) {
      span.setAttribute(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, (long) response.getStatus());
      span.end();
    }
  }
}
