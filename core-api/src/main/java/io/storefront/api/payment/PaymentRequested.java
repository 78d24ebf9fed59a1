package io.storefront.api.payment;

import io.storefront.api.shared.Money;

import java.time.Instant;

public record PaymentRequested(String paymentId, String orderId, Money amount, PaymentMethod method,
                               Instant requestedAt) {
}
