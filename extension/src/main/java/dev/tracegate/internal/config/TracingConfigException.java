package dev.tracegate.internal.config;

/**
 * A configuration value Tracegate cannot run with; its message names the key, the value and what is
 * allowed.
 */
public final class TracingConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TracingConfigException(String message) {
    super(message);
  }

  public TracingConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
