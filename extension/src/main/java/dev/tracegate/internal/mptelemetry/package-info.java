/**
 * MicroProfile Telemetry for applications: the injectable {@code OpenTelemetry}, {@code Tracer},
 * {@code Span} and {@code Baggage} beans (the {@code @WithSpan} interceptor is in {@code cdi}).
 */
package dev.tracegate.internal.mptelemetry;
