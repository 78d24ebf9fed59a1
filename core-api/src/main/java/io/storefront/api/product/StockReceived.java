package io.storefront.api.product;

public record StockReceived(String productId, int quantity, int availableAfter) {
}
