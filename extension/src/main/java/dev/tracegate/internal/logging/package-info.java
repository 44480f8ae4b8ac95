/**
 * Log correlation: the current span's {@code trace_id} and {@code span_id} on the log records a
 * request thread writes, through the server's own mechanism where it has one.
 */
package dev.tracegate.internal.logging;
