package dev.tracegate.internal.propagation;

import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.contrib.awsxray.propagator.AwsXrayPropagator;

/** Where Tracegate's W3C rules enter the SDK: in place of OpenTelemetry's own W3C propagators. */
public final class W3CPropagation {
  private W3CPropagation() {}

  /**
   * The propagator to use for one named in {@code otel.propagators}: ours for {@code tracecontext}
   * and {@code baggage}, and for reading {@code xray}; any other with its failures contained, so
   * that it can never fail a request.
   */
  public static TextMapPropagator conforming(TextMapPropagator configured) {
    if (configured == W3CTraceContextPropagator.getInstance()) {
      return W3CTraceContext.getInstance();
    }
    if (configured == W3CBaggagePropagator.getInstance()) {
      return W3CBaggage.getInstance();
    }
    if (configured instanceof AwsXrayPropagator) {
      return new ContainedPropagator(new XrayTraceHeader(configured));
    }
    return new ContainedPropagator(configured);
  }
}
