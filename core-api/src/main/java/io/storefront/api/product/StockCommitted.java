package io.storefront.api.product;

public record StockCommitted(String productId, String orderId, int quantity) {
}
