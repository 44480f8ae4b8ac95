/**
 * The trace as Jakarta Concurrency thread context: a {@code ThreadContextProvider} that managed
 * executors load through its service file, so their tasks run in the submitter's trace. Nothing
 * else in Tracegate refers to this package, so a server without Jakarta Concurrency never loads it.
 */
package dev.tracegate.internal.concurrent;
