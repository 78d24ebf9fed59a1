package io.storefront.command.payment;

import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.net.Webhook;
import io.storefront.command.WebhookRefused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;

/**
 * Stripe's word on a payment that was pending, or on one it settled after all. Verified as Stripe
 * documents it: the {@code Stripe-Signature} header carries a timestamp {@code t} and a {@code v1}
 * HMAC-SHA256 of {@code t.body} under the endpoint's signing secret; the timestamp may be five
 * minutes old at most, so that a captured request cannot be replayed later. {@link Settlements} turns
 * it into the payment's commands.
 */
@RestController
@ConditionalOnProperty(name = "storefront.payment.provider", havingValue = "stripe")
class StripeWebhook {

    static final String PATH = "/api/payments/webhooks/stripe";
    private static final long TOLERANCE_SECONDS = 300;
    private static final Logger log = LoggerFactory.getLogger(StripeWebhook.class);

    private final String signingSecret;
    private final Settlements settlements;
    private final Clock clock;

    StripeWebhook(PaymentSettings settings, Settlements settlements, Clock clock) {
        Assert.isTrue(PaymentSettings.isSet(settings.stripe().webhookSecret()),
                "storefront.payment.stripe.webhook-secret (STRIPE_WEBHOOK_SECRET) must be set when Stripe is the provider");
        this.signingSecret = settings.stripe().webhookSecret();
        this.settlements = settlements;
        this.clock = clock;
    }

    @PostMapping(PATH)
    @ResponseStatus(HttpStatus.OK)
    void receive(@RequestBody String body, @RequestHeader(name = "Stripe-Signature", required = false) String signature)
            throws EventDataObjectDeserializationException {
        Event event = verified(body, signature);
        if (!(event.getDataObjectDeserializer().deserializeUnsafe() instanceof PaymentIntent intent)
                || intent.getMetadata() == null || !intent.getMetadata().containsKey(StripePaymentGateway.PAYMENT_ID)) {
            log.info("Stripe webhook {} ({}) is about nothing this shop charged", event.getId(), event.getType());
            return;
        }
        String paymentId = intent.getMetadata().get(StripePaymentGateway.PAYMENT_ID);
        switch (event.getType()) {
            case "payment_intent.succeeded" -> settlements.captured("Stripe", paymentId, intent.getId());
            case "payment_intent.payment_failed" -> settlements.declined("Stripe", paymentId,
                    StripePaymentGateway.reasonOf(intent.getLastPaymentError()));
            default -> log.debug("Stripe webhook {} ({}) needs nothing done", event.getId(), event.getType());
        }
    }

    private Event verified(String body, String signature) {
        if (signature == null) {
            throw new WebhookRefused("Stripe");
        }
        try {
            return Webhook.constructEvent(body, signature, signingSecret, TOLERANCE_SECONDS, clock);
        } catch (SignatureVerificationException | RuntimeException e) { // or a header or body not of Stripe's making
            throw new WebhookRefused("Stripe");
        }
    }
}
