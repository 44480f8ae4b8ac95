package dev.tracegate.sample.model;

/** A ticket in Internal Tech Support's queue. */
public record Ticket(
    String ticketId, String status, String priority, String assignedTeam, String summary) {}
