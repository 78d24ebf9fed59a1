package io.storefront.api.order;

import java.time.Instant;

/**
 * A payment came in for an order that was rejected or cancelled meanwhile (say, by its payment
 * deadline). The order stays closed; the payment is to be given back.
 */
public record LatePaymentReceived(String orderId, String paymentId, Instant receivedAt) {
}
