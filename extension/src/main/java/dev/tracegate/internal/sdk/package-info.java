/**
 * The assembly of an application's OpenTelemetry SDK from its configuration: Tracegate's defaults
 * (service name, export batches, no metrics or logs), its sampler and propagators, the export-loss
 * report and the id generator, handed to OpenTelemetry's autoconfigure; and the export pipelines
 * the applications of a server share (one batch queue, thread and exporter per export
 * configuration).
 */
package dev.tracegate.internal.sdk;
