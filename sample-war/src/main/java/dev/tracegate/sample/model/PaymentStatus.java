package dev.tracegate.sample.model;

import java.math.BigDecimal;

/** The External Payment Service's verdict on an order's charges. */
public record PaymentStatus(
    String transactionId, String status, BigDecimal amount, String currency, String detail) {

  /** What the Main agent reports when the payment service could not be asked. */
  public static PaymentStatus unavailable(String detail) {
    return new PaymentStatus(null, "UNAVAILABLE", null, null, detail);
  }
}
