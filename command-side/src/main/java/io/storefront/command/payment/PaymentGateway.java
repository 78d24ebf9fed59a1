package io.storefront.command.payment;

import io.storefront.api.shared.Money;

/**
 * A payment provider. Cards never stay here: they are exchanged for the provider's token at once, and
 * only the token is kept. Every charge and refund carries an idempotency key, so that a retried call
 * never moves money twice.
 */
public interface PaymentGateway {

    /** The provider's reusable token for a card; its number goes no further. */
    CardToken tokenize(String cardNumber);

    Outcome charge(String idempotencyKey, String token, Money amount);

    Outcome refund(String idempotencyKey, String chargeReference, Money amount);

    record CardToken(String token, String last4) {
    }

    /** What the provider answered: approved with its reference, or declined with its reason. */
    record Outcome(boolean approved, String reference, String declineReason) {

        public static Outcome approved(String reference) {
            return new Outcome(true, reference, null);
        }

        public static Outcome declined(String reason) {
            return new Outcome(false, null, reason);
        }
    }
}
