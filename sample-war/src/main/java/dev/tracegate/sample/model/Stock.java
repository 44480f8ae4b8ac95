package dev.tracegate.sample.model;

import java.time.LocalDate;

/** Inventory Management's stock level of one product. */
public record Stock(String sku, int available, String warehouse, LocalDate nextDelivery) {}
