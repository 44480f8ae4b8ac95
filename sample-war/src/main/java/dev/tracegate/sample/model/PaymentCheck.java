package dev.tracegate.sample.model;

/** A request to the External Payment Service to verify the charges of an order. */
public record PaymentCheck(String customerId, String orderId) {}
