/**
 * The one place that reads an application's configuration from MicroProfile Config and validates
 * it: a bad value fails the deployment with one message naming the key and the allowed values.
 */
package dev.tracegate.internal.config;
