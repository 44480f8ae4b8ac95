/**
 * MicroProfile Telemetry for applications: the injectable {@code OpenTelemetry}, {@code Tracer},
 * {@code Span} and {@code Baggage} beans, and the {@code @WithSpan} interceptor.
 */
package dev.tracegate.mptelemetry;
