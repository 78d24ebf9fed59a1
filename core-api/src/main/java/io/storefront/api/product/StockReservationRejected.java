package io.storefront.api.product;

public record StockReservationRejected(String productId, String orderId, int requested, int available,
                                       String reason) {
}
