package io.storefront.api.payment;

import io.storefront.api.shared.Money;

import java.time.Instant;

/**
 * The payment is being charged through {@code provider} ({@code stripe}, {@code sandbox}, ...), with the
 * instruction its customer gave; the provider's answer comes as the payment's next event.
 */
public record PaymentChargeStarted(String paymentId, String orderId, Money amount, String provider, Instant startedAt) {
}
