package dev.tracegate.internal.config;

/**
 * How far a service trusts the trace context its callers send ({@value TracingConfig#INCOMING}). At
 * an edge, an untrusted client could set the sampled flag on every request and force 100 %
 * recording.
 */
public enum IncomingContext {
  /**
   * Continue the caller's trace and keep its sampling decision (the default, for internal
   * services).
   */
  TRUST("trust"),
  /**
   * Start a new trace for every request; the caller's span, when its {@code traceparent} is valid,
   * is kept as a span link. Its {@code tracestate} and baggage are not forwarded.
   */
  RESTART("restart"),
  /**
   * Continue the caller's trace id, but decide sampling here with {@value
   * TracingConfig#RANDOM_SAMPLING} instead of obeying the caller's sampled flag.
   */
  IGNORE_SAMPLED("ignore-sampled");

  private final String value;

  IncomingContext(String value) {
    this.value = value;
  }

  /** The configuration value, such as {@code ignore-sampled}. */
  public String value() {
    return value;
  }
}
