package dev.tracegate.internal.server;

import dev.tracegate.internal.spans.HttpSpanConventions;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.semconv.HttpAttributes;

/**
 * The SERVER spans of an application's requests, after the OpenTelemetry HTTP server conventions:
 * named by the method until the route is known, then {@code GET /shop/api/orders/{id}}; an error
 * for a 5xx status or an unhandled exception. Built straight on the SDK's span builder: each
 * attribute is set once, where the sampler sees it, and nothing else is added to the context.
 */
public final class ServerSpans {
  private final Tracer tracer;
  private final CustomSpanAttributes custom;

  /**
   * @param custom the operator's own attributes, or null for none
   */
  public ServerSpans(Tracer tracer, CustomSpanAttributes custom) {
    this.tracer = tracer;
    this.custom = custom;
  }

  /**
   * Starts the request's span as a child of {@code parent}; it is not made current.
   *
   * @param link a span to link, never a parent ({@link IncomingPolicy}), or null
   */
  public Span start(Context parent, SpanContext link, ServerRequest request) {
    SpanBuilder span =
        tracer
            .spanBuilder(HttpSpanConventions.methodInName(request.request.getMethod()))
            .setSpanKind(SpanKind.SERVER)
            .setParent(parent);
    ServerRequestAttributes.setOn(span, request);
    if (custom != null) {
      custom.setOn(span, request);
    }
    if (link != null) {
      span.addLink(link);
    }
    return span.startSpan();
  }

  /**
   * Ends a request's span: the route, when a resource matched, names it; then the response status
   * or the unhandled exception.
   *
   * @param route the route of the resource method that matched, or null
   */
  static void end(Span span, RouteTemplate.Route route, int status, Throwable error) {
    if (route != null) {
      span.updateName(route.spanName());
      span.setAttribute(HttpAttributes.HTTP_ROUTE, route.path());
    }
    HttpSpanConventions.end(span, HttpSpanConventions.Side.SERVER, status, error, null);
  }
}
