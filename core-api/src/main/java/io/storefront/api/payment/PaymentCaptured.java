package io.storefront.api.payment;

import io.storefront.api.shared.Money;

import java.time.Instant;

public record PaymentCaptured(String paymentId, String orderId, Money amount, String gatewayReference,
                              Instant capturedAt) {
}
