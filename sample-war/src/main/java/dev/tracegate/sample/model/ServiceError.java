package dev.tracegate.sample.model;

/** The body of a backend's error response. */
public record ServiceError(String service, String error) {}
