package io.storefront.api.payment;

import io.storefront.api.shared.Money;

import java.time.Instant;

/**
 * The captured payment is to be given back in full, through the provider that took it, by its charge
 * {@code gatewayReference}; the provider's answer comes as the payment's next event.
 */
public record PaymentRefundRequested(String paymentId, String orderId, Money amount, String gatewayReference,
                                     String provider, String reason, Instant requestedAt) {
}
