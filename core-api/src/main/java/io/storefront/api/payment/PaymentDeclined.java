package io.storefront.api.payment;

import java.time.Instant;

public record PaymentDeclined(String paymentId, String orderId, String reason, Instant declinedAt) {
}
