/**
 * What every span Tracegate records shares: the OpenTelemetry HTTP semantic conventions, the
 * redaction of sensitive query values, one way to end a span with an error, and a bounded cache of
 * per-method lookups.
 */
package dev.tracegate.internal.spans;
