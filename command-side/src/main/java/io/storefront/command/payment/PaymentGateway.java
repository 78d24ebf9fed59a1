package io.storefront.command.payment;

import io.storefront.api.shared.Money;

/**
 * A payment provider. Cards never stay here: they are exchanged for the provider's token at once, and
 * only the token is kept. Every charge and refund carries an idempotency key derived from the payment,
 * so that a retried call never moves money twice. A provider that cannot be reached, or answers with a
 * server error, is asked again with growing pauses; if it still cannot answer, the call ends in
 * {@link ProviderUnavailable}, and at once while the provider is let be for failing too often.
 */
public interface PaymentGateway {

    /** The provider's reusable token for a card; its number goes no further. Refused by providers that take cards only in their own form. */
    CardToken tokenize(String cardNumber);

    /** A token the provider's own payment form made in the customer's browser, checked with the provider. */
    CardToken token(String providerToken);

    /** Charges the card behind {@code token}; {@code paymentId} travels with the charge, so that webhooks find it. */
    Outcome charge(String idempotencyKey, String paymentId, String token, Money amount);

    Outcome refund(String idempotencyKey, String chargeReference, Money amount);

    record CardToken(String token, String last4) {
    }

    /**
     * What the provider answered: approved with its reference; declined with its reason; or pending
     * with its reference and, when the customer must act (3-D Secure), where to send them. A pending
     * charge is settled later by the provider's webhook.
     */
    record Outcome(Result result, String reference, String detail) {

        public enum Result { APPROVED, DECLINED, PENDING }

        public static Outcome approved(String reference) {
            return new Outcome(Result.APPROVED, reference, null);
        }

        public static Outcome declined(String reason) {
            return new Outcome(Result.DECLINED, null, reason);
        }

        public static Outcome pending(String reference, String actionUrl) {
            return new Outcome(Result.PENDING, reference, actionUrl);
        }
    }

    /**
     * The provider could not be reached or kept failing, after every retry, or is let be for a while;
     * whether it moved money is unknown.
     */
    class ProviderUnavailable extends RuntimeException {

        public ProviderUnavailable(String provider, Throwable cause) {
            super(provider + " did not answer: " + cause.getMessage(), cause);
        }
    }
}
