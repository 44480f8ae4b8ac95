package dev.tracegate.sample.model;

/** A ticket the Support agent asks Internal Tech Support to open. */
public record TicketRequest(String customerId, String summary, String priority) {}
