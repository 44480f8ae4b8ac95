/**
 * Tracegate's implementation; nothing under {@code dev.tracegate.internal} is API. Applications use
 * {@link dev.tracegate.genai.InvokeAgent}, MicroProfile Telemetry and the configuration keys.
 *
 * <p>This package holds the tracing of one application ({@link
 * dev.tracegate.internal.ApplicationTracing}: its SDK and what the filters and interceptors use of
 * it). Dependencies point one way: the entry points the container instantiates ({@code cdi}, {@code
 * jaxrs}, {@code concurrent}) use this package, which uses {@code server}, {@code client} and
 * {@code genai}, which use {@code spans}, which like everything else rests on {@code config},
 * {@code propagation}, {@code export}, {@code logging} and {@code sdk}.
 */
package dev.tracegate.internal;
