/**
 * What the CDI container instantiates: the portable extension that starts and stops each
 * application's tracing and registers the interceptors and MicroProfile Telemetry beans, the
 * {@code @InvokeAgent} and {@code @WithSpan} interceptors, and {@link
 * dev.tracegate.internal.cdi.CurrentApplication}, which finds the tracing of the application a call
 * belongs to.
 */
package dev.tracegate.internal.cdi;
