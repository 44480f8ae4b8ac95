package dev.tracegate.sample.model;

/** The Main agent's answer to the customer, with what each specialist found. */
public record ChatAnswer(
    String category, String reply, PaymentStatus payment, SupportReply support, OrderReply order) {}
