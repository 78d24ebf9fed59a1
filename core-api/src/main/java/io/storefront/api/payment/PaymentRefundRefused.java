package io.storefront.api.payment;

import io.storefront.api.shared.Money;

import java.time.Instant;

/**
 * The provider did not give the money back, for {@code reason}: the payment stays so, and the shop
 * settles it with its customer by hand.
 */
public record PaymentRefundRefused(String paymentId, String orderId, Money amount, String reason, Instant refusedAt) {
}
