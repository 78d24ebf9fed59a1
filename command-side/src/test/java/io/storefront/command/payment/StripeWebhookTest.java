package io.storefront.command.payment;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stripe's webhooks as Stripe sends them: unauthenticated but signed, per Stripe's documented scheme
 * ({@code Stripe-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "t.body" under the endpoint secret>}),
 * computed here from that description and not with Stripe's SDK. Its context is closed after this class:
 * kept in the cache, its processor would answer the charges other specs start with Stripe as unreachable.
 */
@DirtiesContext
@TestPropertySource(properties = {"storefront.payment.provider=stripe", "storefront.payment.stripe.api-key=sk_test_webhooks",
        "storefront.payment.stripe.webhook-secret=" + StripeWebhookTest.SECRET,
        "storefront.payment.stripe.api-base=http://localhost:9"})
class StripeWebhookTest extends WebhookSpec {

    static final String SECRET = "whsec_test_5f3b0c7e9a";

    @Test
    void a_signed_success_captures_the_payment_once_however_often_it_comes() {
        String paymentId = PaymentRequests.requestedPayment(admin);
        String succeeded = event("payment_intent.succeeded", paymentId, "succeeded", "");

        send(succeeded, signature(succeeded, Instant.now())).expectStatus().isOk();
        send(succeeded, signature(succeeded, Instant.now())).expectStatus().isOk();

        assertThat(stored.types(paymentId)).containsExactly("PaymentRequested", "PaymentCaptured");
        assertThat(stored.payloads(paymentId).getLast()).contains("\"gatewayReference\":\"pi_" + paymentId.substring(0, 8) + "\"");
    }

    @Test
    void a_signed_failure_declines_the_payment_with_stripes_decline_code() {
        String paymentId = PaymentRequests.requestedPayment(admin);
        String failed = event("payment_intent.payment_failed", paymentId, "requires_payment_method", """
                , "last_payment_error": {"type": "card_error", "code": "card_declined", "decline_code": "stolen_card"}""");

        send(failed, signature(failed, Instant.now())).expectStatus().isOk();

        assertThat(stored.types(paymentId)).containsExactly("PaymentRequested", "PaymentDeclined");
        assertThat(stored.payloads(paymentId).getLast()).contains("\"reason\":\"stolen_card\"");
    }

    @Test
    void a_failure_after_the_capture_is_acknowledged_and_changes_nothing() {
        String paymentId = PaymentRequests.requestedPayment(admin);
        String succeeded = event("payment_intent.succeeded", paymentId, "succeeded", "");
        String failed = event("payment_intent.payment_failed", paymentId, "requires_payment_method", "");
        send(succeeded, signature(succeeded, Instant.now())).expectStatus().isOk();

        send(failed, signature(failed, Instant.now())).expectStatus().isOk();

        assertThat(stored.types(paymentId)).containsExactly("PaymentRequested", "PaymentCaptured");
    }

    @Test
    void a_tampered_stale_or_unsigned_webhook_is_a_401_and_changes_nothing() {
        String paymentId = PaymentRequests.requestedPayment(admin);
        String succeeded = event("payment_intent.succeeded", paymentId, "succeeded", "");
        String other = succeeded.replace("\"amount\": 31900000", "\"amount\": 100");

        send(other, signature(succeeded, Instant.now())).expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).value(body -> assertThat(body).doesNotContain(SECRET));
        send(succeeded, signature(succeeded, Instant.now().minusSeconds(600))).expectStatus().isUnauthorized();
        send(succeeded, signature(succeeded, Instant.now()).replace(SIGNED_BY_US, "v1=" + "0".repeat(64)))
                .expectStatus().isUnauthorized();
        PaymentRequests.unauthenticated(port).post().uri(StripeWebhook.PATH).contentType(MediaType.APPLICATION_JSON).body(succeeded)
                .exchange().expectStatus().isUnauthorized();

        assertThat(stored.types(paymentId)).containsExactly("PaymentRequested");
    }

    @Test
    void an_event_about_a_charge_this_shop_did_not_make_is_acknowledged() {
        String paymentId = PaymentRequests.requestedPayment(admin);
        String foreign = event("payment_intent.succeeded", paymentId, "succeeded", "").replace(
                "\"metadata\": {\"payment_id\": \"" + paymentId + "\"}", "\"metadata\": {}");

        send(foreign, signature(foreign, Instant.now())).expectStatus().isOk();

        assertThat(stored.types(paymentId)).containsExactly("PaymentRequested");
    }

    private static final String SIGNED_BY_US = "v1=";

    /** Sent as Stripe sends it: no bearer token, only the signature. */
    private RestTestClient.ResponseSpec send(String body, String signature) {
        return PaymentRequests.unauthenticated(port).post().uri(StripeWebhook.PATH).contentType(MediaType.APPLICATION_JSON)
                .header("Stripe-Signature", signature).body(body).exchange();
    }

    /** The header as Stripe documents it: {@code t=<timestamp>,v1=<HMAC-SHA256(secret, t + "." + body) in hex>}. */
    private static String signature(String body, Instant at) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String signedPayload = at.getEpochSecond() + "." + body;
            return "t=" + at.getEpochSecond() + "," + SIGNED_BY_US
                    + HexFormat.of().formatHex(hmac.doFinal(signedPayload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An Event object as Stripe posts it, about a PaymentIntent that carries the payment's id. */
    private static String event(String type, String paymentId, String status, String more) {
        return """
                {"id": "evt_%s", "object": "event", "api_version": "2025-09-30.clover", "created": %d,
                 "livemode": false, "pending_webhooks": 1, "type": "%s",
                 "request": {"id": null, "idempotency_key": null},
                 "data": {"object": {"id": "pi_%s", "object": "payment_intent", "amount": 31900000, "currency": "idr",
                                     "status": "%s", "metadata": {"payment_id": "%s"}%s}}}"""
                .formatted(UUID.randomUUID(), Instant.now().getEpochSecond(), type, paymentId.substring(0, 8), status,
                        paymentId, more);
    }
}
