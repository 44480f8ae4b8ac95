package dev.tracegate.sample.model;

/** What a customer types into the support chat. */
public record CustomerRequest(String customerId, String orderId, String message) {}
