/**
 * The incoming side: the one policy that decides what a request takes from its caller ({@link
 * dev.tracegate.internal.server.IncomingPolicy}), and the SERVER span of each request after the
 * OpenTelemetry HTTP server conventions.
 */
package dev.tracegate.internal.server;
