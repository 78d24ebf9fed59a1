package io.storefront.api.order;

import java.time.Instant;

public record OrderDelivered(String orderId, Instant deliveredAt) {
}
