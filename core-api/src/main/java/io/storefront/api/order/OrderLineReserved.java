package io.storefront.api.order;

public record OrderLineReserved(String orderId, String productId) {
}
