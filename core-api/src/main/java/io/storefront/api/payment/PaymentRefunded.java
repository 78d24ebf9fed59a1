package io.storefront.api.payment;

import io.storefront.api.shared.Money;

import java.time.Instant;

public record PaymentRefunded(String paymentId, String orderId, Money amount, String reason, Instant refundedAt) {
}
