package io.storefront.api.product;

import io.storefront.api.shared.Money;

/**
 * Units set aside for an order, at the product's price of that moment: the price the order is charged.
 * Events stored before prices came with reservations have no {@code unitPrice}.
 */
public record StockReserved(String productId, String orderId, int quantity, int availableAfter, Money unitPrice) {
}
