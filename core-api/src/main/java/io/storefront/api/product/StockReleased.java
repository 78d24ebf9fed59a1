package io.storefront.api.product;

public record StockReleased(String productId, String orderId, int quantity, int availableAfter) {
}
