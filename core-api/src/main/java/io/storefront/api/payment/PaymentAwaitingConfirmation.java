package io.storefront.api.payment;

import java.time.Instant;

/**
 * The provider took the charge but has not settled it: the customer may have to confirm it with their
 * bank at {@code actionUrl} (3-D Secure; none when nothing is asked of them), and the provider's webhook
 * says later whether it was captured or declined.
 */
public record PaymentAwaitingConfirmation(String paymentId, String orderId, String gatewayReference, String actionUrl,
                                          Instant at) {
}
