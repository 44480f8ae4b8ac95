/**
 * Tracegate: W3C Trace Context tracing for Jakarta EE servers, dropped in as one jar. The CDI
 * extension ({@link dev.tracegate.TracingExtension}) gives each application its tracing
 * ({@link dev.tracegate.ApplicationTracing}: its OpenTelemetry SDK, built from its configuration);
 * the JAX-RS filters in {@code server} and {@code client} record its spans. Nothing here is API:
 * applications use the {@code genai} annotations, MicroProfile Telemetry and the configuration keys.
 */
package dev.tracegate;
