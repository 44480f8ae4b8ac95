/**
 * The outgoing side: a CLIENT span for each JAX-RS Client and MicroProfile Rest Client call, the
 * {@code traceparent} written onto it, and calls that never got a response ended as errors.
 */
package dev.tracegate.internal.client;
