/**
 * The incoming side: the JAX-RS server filter, the one policy that decides what a request takes from
 * its caller ({@link dev.tracegate.server.IncomingPolicy}), and the SERVER span of each request
 * after the OpenTelemetry HTTP server conventions.
 */
package dev.tracegate.server;
