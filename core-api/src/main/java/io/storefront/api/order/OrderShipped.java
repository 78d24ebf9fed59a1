package io.storefront.api.order;

import java.time.Instant;

public record OrderShipped(String orderId, String shipmentId, Instant shippedAt) {
}
