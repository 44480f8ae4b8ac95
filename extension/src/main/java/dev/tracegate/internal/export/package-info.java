/**
 * What happens to spans after they end: export losses counted and reported at most once per
 * interval, and the stand-in span processor of an application that exports nothing.
 */
package dev.tracegate.internal.export;
