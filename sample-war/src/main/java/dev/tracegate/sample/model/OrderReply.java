package dev.tracegate.sample.model;

/** The Orders agent's view of an order and of the stock to replace it. */
public record OrderReply(String orderId, String sku, String status, Stock stock, String note) {}
