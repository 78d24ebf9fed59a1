package io.storefront.command.payment;

import io.storefront.api.payment.PaymentId;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A card that asks for 3-D Secure: the sandbox's charge awaits its customer at the sandbox bank's page. */
class SandboxBankTest extends WebhookSpec {

    private static final String AUTHENTICATION_CARD = "4000002760003184";
    private static final Pattern ACTION_URL = Pattern.compile("\"actionUrl\":\"([^\"]+)\"");

    @Test
    void a_confirmed_charge_is_captured_once_and_its_page_is_gone() {
        String paymentId = chargedWithTheAuthenticationCard();
        String page = actionUrl(paymentId);

        confirm(page, true).expectStatus().isNoContent();
        confirm(page, true).expectStatus().isNotFound().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

        assertThat(stored.types(paymentId)).containsExactly("PaymentRequested", "PaymentChargeStarted",
                "PaymentAwaitingConfirmation", "PaymentCaptured");
    }

    @Test
    void a_charge_its_customer_does_not_confirm_is_declined() {
        String paymentId = chargedWithTheAuthenticationCard();

        confirm(actionUrl(paymentId), false).expectStatus().isNoContent();

        assertThat(stored.types(paymentId)).containsExactly("PaymentRequested", "PaymentChargeStarted",
                "PaymentAwaitingConfirmation", "PaymentDeclined");
        assertThat(stored.payloads(paymentId).getLast()).contains("authentication_failed");
    }

    @Test
    void a_page_nobody_was_sent_to_is_a_404() {
        confirm(SandboxPaymentGateway.CONFIRMATION_PATH + UUID.randomUUID(), true).expectStatus().isNotFound();
    }

    private String chargedWithTheAuthenticationCard() {
        String orderId = PaymentRequests.placedOrder(admin);
        String paymentId = PaymentRequests.requestedPayment(admin, orderId);
        admin.put().uri("/api/payments/instructions/{order}", orderId).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("cardNumber", AUTHENTICATION_CARD)).exchange().expectStatus().isAccepted();
        // the sandbox is called after the request is answered
        await().atMost(Duration.ofSeconds(30)).until(() -> stored.types(paymentId).contains("PaymentAwaitingConfirmation"));
        return paymentId;
    }

    private String actionUrl(String paymentId) {
        Matcher url = ACTION_URL.matcher(stored.payloads(paymentId).getLast());
        assertThat(url.find()).as("the pending charge names the bank's page").isTrue();
        return url.group(1);
    }

    /** Sent from the customer's browser at the bank's page: no bearer token. */
    private RestTestClient.ResponseSpec confirm(String page, boolean authenticated) {
        return PaymentRequests.unauthenticated(port).post().uri(page).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("authenticated", authenticated)).exchange();
    }
}
