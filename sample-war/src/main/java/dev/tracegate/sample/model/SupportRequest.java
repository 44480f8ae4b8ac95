package dev.tracegate.sample.model;

/** A technical problem the Main agent hands to the Support agent. */
public record SupportRequest(String customerId, String orderId, String issue) {}
