package io.storefront.api.product;

public record StockReserved(String productId, String orderId, int quantity, int availableAfter) {
}
