package dev.tracegate.propagation;

import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.TextMapPropagator;

/** Where Tracegate's W3C rules enter the SDK: in place of OpenTelemetry's own W3C propagators. */
public final class W3CPropagation {
  private W3CPropagation() {}

  /**
   * The propagator to use for one named in {@code otel.propagators}: ours for {@code tracecontext} and
   * {@code baggage}; any other with its failures contained, so that it can never fail a request.
   */
  public static TextMapPropagator conforming(TextMapPropagator configured) {
    if (configured == W3CTraceContextPropagator.getInstance()) {
      return W3CTraceContext.getInstance();
    }
    if (configured == W3CBaggagePropagator.getInstance()) {
      return W3CBaggage.getInstance();
    }
    return new ContainedPropagator(configured);
  }
}
