package dev.tracegate.internal.client;

import dev.tracegate.internal.spans.HttpSpanConventions;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.semconv.ErrorAttributes;
import jakarta.ws.rs.client.ClientRequestContext;

/**
 * The CLIENT spans of an application's outbound calls, after the OpenTelemetry HTTP client
 * conventions: named by the method; an error for a 4xx or 5xx status, or a call that got no
 * response.
 */
public final class ClientSpans {
  private final Tracer tracer;

  public ClientSpans(Tracer tracer) {
    this.tracer = tracer;
  }

  /** Starts the call's span as a child of {@code parent}. */
  public Span start(Context parent, ClientRequestContext request) {
    SpanBuilder span =
        tracer
            .spanBuilder(HttpSpanConventions.methodInName(request.getMethod()))
            .setSpanKind(SpanKind.CLIENT)
            .setParent(parent);
    ClientRequestAttributes.setOn(span, request);
    return span.startSpan();
  }

  /** Ends a call's span with its response status. */
  static void end(Span span, int status) {
    HttpSpanConventions.end(span, HttpSpanConventions.Side.CLIENT, status, null, null);
  }

  /**
   * Ends the span of a call that failed before any response. The real exception went to the
   * application, out of our sight: {@code error.type} says so with the conventions' fallback.
   */
  static void endWithoutResponse(Span span) {
    HttpSpanConventions.end(
        span,
        HttpSpanConventions.Side.CLIENT,
        0,
        ClientCall.NoResponse.INSTANCE,
        ErrorAttributes.ErrorTypeValues.OTHER);
  }
}
