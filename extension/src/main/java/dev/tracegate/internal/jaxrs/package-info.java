/**
 * What the JAX-RS runtime instantiates: the server and client filters, the recorder of exceptions
 * no mapper handled, and the MicroProfile Rest Client listener. They find the application's tracing
 * and hand the work to {@code server} and {@code client}.
 */
package dev.tracegate.internal.jaxrs;
