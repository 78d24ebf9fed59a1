package io.storefront.api.order;

import java.time.Instant;

public record OrderPaid(String orderId, String paymentId, Instant paidAt) {
}
