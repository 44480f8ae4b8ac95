package dev.tracegate.internal.config;

/** How new trace ids are made ({@value TracingConfig#ID_GENERATOR}). */
public enum TraceIdFormat {
  /** 128 random bits: OpenTelemetry's default. */
  RANDOM("random"),
  /**
   * AWS X-Ray's format: the first 8 hex characters are the start time in epoch seconds, the other
   * 24 random, so X-Ray accepts the trace (it rejects ids older than 30 days or in the future).
   */
  XRAY("xray");

  private final String value;

  TraceIdFormat(String value) {
    this.value = value;
  }

  /** The configuration value, such as {@code xray}. */
  public String value() {
    return value;
  }
}
