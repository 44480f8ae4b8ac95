/**
 * The propagators: W3C Trace Context and Baggage with the rules OpenTelemetry's own leave to the
 * transport (several headers, limits, the current {@code tracestate} grammar), X-Ray reading, any
 * other propagator kept from failing a request, and the count of invalid headers callers send.
 */
package dev.tracegate.internal.propagation;
