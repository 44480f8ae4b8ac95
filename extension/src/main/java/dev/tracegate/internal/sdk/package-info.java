/**
 * The assembly of an application's OpenTelemetry SDK from its configuration: Tracegate's defaults
 * (service name, export batches, no metrics or logs), its sampler and propagators, the export-loss
 * report and the id generator, handed to OpenTelemetry's autoconfigure.
 */
package dev.tracegate.internal.sdk;
