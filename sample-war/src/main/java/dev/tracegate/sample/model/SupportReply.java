package dev.tracegate.sample.model;

/** The Support agent's advice and the ticket it opened. */
public record SupportReply(String advice, Ticket ticket) {}
