package io.storefront.command.payment;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/** PayPal's webhooks as PayPal sends them: no token, its transmission headers, checked with PayPal (a stub here). */
class PayPalWebhookTest extends WebhookSpec {

    @RegisterExtension
    static final WireMockExtension paypal = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @DynamicPropertySource
    static void payPalIsTheProvider(DynamicPropertyRegistry properties) {
        properties.add("storefront.payment.provider", () -> "paypal");
        properties.add("storefront.payment.paypal.api-base", paypal::baseUrl);
        properties.add("storefront.payment.paypal.client-id", () -> "client-id");
        properties.add("storefront.payment.paypal.client-secret", () -> "client-secret");
        properties.add("storefront.payment.paypal.webhook-id", () -> "WH-SHOP");
    }

    @Autowired
    PaymentInstructions instructions;

    @BeforeEach
    void paypalGrantsTokens() {
        PayPalPaymentGatewayTest.stubAccessToken(paypal);
    }

    @Test
    void a_completed_capture_paypal_vouches_for_captures_the_payment_once() {
        String order = approvedOrderOfARequestedPayment();
        String paymentId = paymentOf(order);
        paypal.stubFor(PayPalPaymentGatewayTest.verification("SUCCESS"));
        String completed = event("PAYMENT.CAPTURE.COMPLETED", order);

        send(order, completed, true).expectStatus().isOk();
        send(order, completed, true).expectStatus().isOk();

        assertThat(stored.types(paymentId)).containsExactly("PaymentRequested", "PaymentCaptured");
        assertThat(stored.payloads(paymentId).getLast()).contains("\"gatewayReference\":\"CAP-" + order + "\"");
        paypal.verify(postRequestedFor(urlEqualTo("/v1/notifications/verify-webhook-signature"))
                .withRequestBody(containing("\"webhook_id\":\"WH-SHOP\""))
                .withRequestBody(containing("\"transmission_sig\":\"sig-of-" + order + "\""))
                .withRequestBody(containing("\"webhook_event\":" + completed)));
    }

    @Test
    void a_denied_capture_declines_the_payment() {
        String order = approvedOrderOfARequestedPayment();
        paypal.stubFor(PayPalPaymentGatewayTest.verification("SUCCESS"));

        send(order, event("PAYMENT.CAPTURE.DENIED", order), true).expectStatus().isOk();

        assertThat(stored.types(paymentOf(order))).containsExactly("PaymentRequested", "PaymentDeclined");
    }

    @Test
    void a_webhook_paypal_does_not_vouch_for_or_without_its_headers_is_a_401_and_changes_nothing() {
        String order = approvedOrderOfARequestedPayment();
        paypal.stubFor(PayPalPaymentGatewayTest.verification("FAILURE"));

        send(order, event("PAYMENT.CAPTURE.COMPLETED", order), true).expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        send(order, event("PAYMENT.CAPTURE.COMPLETED", order), false).expectStatus().isUnauthorized();

        assertThat(stored.types(paymentOf(order))).containsExactly("PaymentRequested");
    }

    /** A requested payment whose customer approved PayPal order {@code order}; answers the order. */
    private String approvedOrderOfARequestedPayment() {
        String orderId = UUID.randomUUID().toString();
        PaymentRequests.requestedPayment(admin, orderId);
        String order = UUID.randomUUID().toString().replace("-", "").substring(0, 17).toUpperCase();
        instructions.store(orderId, new PaymentInstructions.Instruction(order, null));
        return order;
    }

    private String paymentOf(String order) {
        return instructions.orderPaidWith(order).map(io.storefront.api.payment.PaymentId::forOrder).orElseThrow();
    }

    /** Sent as PayPal sends it, with its transmission headers (the signature here names the order) or without. */
    private RestTestClient.ResponseSpec send(String order, String event, boolean withTransmissionHeaders) {
        var request = PaymentRequests.unauthenticated(port).post().uri(PayPalWebhook.PATH).contentType(MediaType.APPLICATION_JSON);
        if (withTransmissionHeaders) {
            request.header("PAYPAL-AUTH-ALGO", "SHA256withRSA")
                    .header("PAYPAL-CERT-URL", "https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-1d93a270")
                    .header("PAYPAL-TRANSMISSION-ID", "69cd13f0-d67a-11e5-baa3-778b53f4ae55")
                    .header("PAYPAL-TRANSMISSION-SIG", "sig-of-" + order)
                    .header("PAYPAL-TRANSMISSION-TIME", "2026-11-28T17:00:00Z");
        }
        return request.body(event).exchange();
    }

    /** An event about a capture of PayPal order {@code order}, as PayPal's webhook reference shows it. */
    private static String event(String type, String order) {
        return """
                {"id": "WH-%s", "event_version": "1.0", "create_time": "2026-11-28T17:00:00.000Z", "resource_type": "capture",
                 "event_type": "%s", "summary": "Payment completed for $ 25.0 USD",
                 "resource": {"id": "CAP-%s", "status": "COMPLETED", "amount": {"currency_code": "USD", "value": "25.00"},
                              "supplementary_data": {"related_ids": {"order_id": "%s"}}}}"""
                .formatted(UUID.randomUUID(), type, order, order);
    }
}
