package dev.tracegate.sample;

/**
 * Simulated outages, for showing a failing backend: a customer request carrying {@code
 * Sample-Outage: external-payment-service} makes that service answer 503.
 */
public final class Outage {
  public static final String HEADER = "Sample-Outage";

  private Outage() {}

  public static boolean of(String service, String headerValue) {
    return headerValue != null && headerValue.trim().equalsIgnoreCase(service);
  }
}
