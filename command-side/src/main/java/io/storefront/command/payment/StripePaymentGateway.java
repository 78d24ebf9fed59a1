package io.storefront.command.payment;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.CardException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.StripeError;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import io.storefront.api.shared.Money;
import io.storefront.command.BusinessRuleViolation;

import java.util.Locale;
import java.util.Optional;

/**
 * Stripe, through its official SDK: a charge is a PaymentIntent created and confirmed at once with the
 * customer's PaymentMethod, a refund a Refund of it. Cards reach Stripe from Stripe's own form in the
 * customer's browser, never through this shop, so the token is the PaymentMethod's id ({@code pm_...}).
 */
class StripePaymentGateway implements PaymentGateway {

    static final String PAYMENT_ID = "payment_id";

    private final StripeClient stripe;
    private final ProviderCalls calls;

    StripePaymentGateway(StripeClient stripe, PaymentSettings settings) {
        this.stripe = stripe;
        this.calls = new ProviderCalls("Stripe", settings, StripePaymentGateway::passing);
    }

    @Override
    public CardToken tokenize(String cardNumber) {
        throw new BusinessRuleViolation("This shop takes cards through Stripe's payment form: send its PaymentMethod id "
                + "as the token, not a card number");
    }

    @Override
    public CardToken token(String providerToken) {
        try {
            var method = calls.call(() -> stripe.v1().paymentMethods().retrieve(providerToken));
            return new CardToken(method.getId(), method.getCard() == null ? null : method.getCard().getLast4());
        } catch (ProviderCalls.Refused e) {
            throw new BusinessRuleViolation("Stripe does not know this payment method");
        }
    }

    @Override
    public Outcome charge(String idempotencyKey, String paymentId, String token, Money amount) {
        PaymentIntentCreateParams intent = PaymentIntentCreateParams.builder()
                .setAmount(amount.minorUnits())
                .setCurrency(amount.currency().getCurrencyCode().toLowerCase(Locale.ROOT))
                .setPaymentMethod(token)
                .addPaymentMethodType("card")
                .setConfirm(true)
                .putMetadata(PAYMENT_ID, paymentId)
                .build();
        try {
            return outcomeOf(calls.call(() -> stripe.v1().paymentIntents().create(intent, key(idempotencyKey))));
        } catch (ProviderCalls.Refused e) {
            return refusal(e);
        }
    }

    @Override
    public Outcome refund(String idempotencyKey, String chargeReference, Money amount) {
        RefundCreateParams refund = RefundCreateParams.builder()
                .setPaymentIntent(chargeReference)
                .setAmount(amount.minorUnits())
                .build();
        Refund made;
        try {
            made = calls.call(() -> stripe.v1().refunds().create(refund, key(idempotencyKey)));
        } catch (ProviderCalls.Refused e) {
            return refusal(e);
        }
        return switch (made.getStatus()) {
            case "succeeded", "pending" -> Outcome.approved(made.getId());
            default -> Outcome.declined(Optional.ofNullable(made.getFailureReason()).orElse(made.getStatus()));
        };
    }

    /** A declined card, or a request Stripe will never take (its code says why, such as a charge refunded already): either is final. */
    private static Outcome refusal(ProviderCalls.Refused refused) {
        return refused.getCause() instanceof CardException declined
                ? Outcome.declined(reasonOf(declined.getStripeError()))
                : Outcome.declined("refused by Stripe: " + ((StripeException) refused.getCause()).getCode());
    }

    static Outcome outcomeOf(PaymentIntent intent) {
        return switch (intent.getStatus()) {
            case "succeeded" -> Outcome.approved(intent.getId());
            case "processing" -> Outcome.pending(intent.getId(), null);
            case "requires_action" -> Outcome.pending(intent.getId(), Optional.ofNullable(intent.getNextAction())
                    .map(PaymentIntent.NextAction::getRedirectToUrl).map(PaymentIntent.NextAction.RedirectToUrl::getUrl)
                    .orElse(null));
            default -> Outcome.declined(reasonOf(intent.getLastPaymentError()));
        };
    }

    static String reasonOf(StripeError error) {
        if (error == null) {
            return "declined";
        }
        return Optional.ofNullable(error.getDeclineCode()).or(() -> Optional.ofNullable(error.getCode())).orElse("declined");
    }

    private static RequestOptions key(String idempotencyKey) {
        return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
    }

    /** Unreachable, too many requests, or a fault on Stripe's side: worth asking again. */
    private static boolean passing(Throwable failure) {
        return failure instanceof ApiConnectionException || failure instanceof RateLimitException
                || failure instanceof ApiException
                || (failure instanceof StripeException stripe && stripe.getStatusCode() != null && stripe.getStatusCode() >= 500);
    }
}
