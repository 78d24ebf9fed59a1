package io.storefront.command.payment;

import io.storefront.api.payment.PaymentId;
import io.storefront.command.CommandSideTest;
import io.storefront.command.StoredEvents;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.storefront.command.payment.PaymentRequests.payment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@CommandSideTest
class PaymentApiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    RestTestClient http;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StoredEvents stored;

    @Test
    void a_payment_is_requested_captured_and_refunded() {
        String orderId = UUID.randomUUID().toString();
        http.post().uri("/api/payments").contentType(MediaType.APPLICATION_JSON).body(payment(orderId))
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().value("Location", location -> assertThat(location).endsWith("/api/payments/" + PaymentId.forOrder(orderId)));
        String paymentId = PaymentId.forOrder(orderId);
        post("/api/payments/{id}/capture", Map.of("gatewayReference", "sandbox-1"), paymentId).expectStatus().isNoContent();
        post("/api/payments/{id}/refund", Map.of("reason", "order cancelled"), paymentId).expectStatus().isNoContent();
        post("/api/payments/{id}/refund", Map.of("reason", "again"), paymentId)
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);

        // the provider is asked for the money back after the request is answered
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(stored.types(paymentId)).containsExactly(
                "PaymentRequested", "PaymentCaptured", "PaymentRefundRequested", "PaymentRefunded"));
    }

    @Test
    void a_second_payment_for_one_order_is_a_409_and_writes_nothing() {
        String orderId = UUID.randomUUID().toString();
        http.post().uri("/api/payments").contentType(MediaType.APPLICATION_JSON).body(payment(orderId))
                .exchange().expectStatus().isCreated();
        http.post().uri("/api/payments").contentType(MediaType.APPLICATION_JSON).body(payment(orderId))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(stored.types(PaymentId.forOrder(orderId))).containsExactly("PaymentRequested");
    }

    @Test
    void a_declined_payment_is_declined_once_and_not_refunded_and_money_that_comes_in_later_is_recorded() {
        String orderId = UUID.randomUUID().toString();
        String paymentId = PaymentId.forOrder(orderId);
        http.post().uri("/api/payments").contentType(MediaType.APPLICATION_JSON).body(payment(orderId))
                .exchange().expectStatus().isCreated();
        post("/api/payments/{id}/decline", Map.of("reason", "insufficient funds"), paymentId).expectStatus().isNoContent();
        post("/api/payments/{id}/decline", Map.of("reason", "insufficient funds"), paymentId).expectStatus().isNoContent();
        post("/api/payments/{id}/refund", Map.of("reason", "order cancelled"), paymentId)
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("Only a captured payment can be refunded");
        post("/api/payments/{id}/capture", Map.of("gatewayReference", "pi_late"), paymentId).expectStatus().isNoContent();

        assertThat(stored.types(paymentId)).containsExactly("PaymentRequested", "PaymentDeclined", "PaymentCaptured");
    }

    @Test
    void a_capture_without_the_gateways_reference_is_a_400_and_writes_nothing() {
        String orderId = UUID.randomUUID().toString();
        String paymentId = PaymentId.forOrder(orderId);
        http.post().uri("/api/payments").contentType(MediaType.APPLICATION_JSON).body(payment(orderId))
                .exchange().expectStatus().isCreated();
        post("/api/payments/{id}/capture", Map.of("gatewayReference", " "), paymentId)
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[*].field").value(fields -> assertThat(fields)
                        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                        .containsExactly("gatewayReference"));
        assertThat(stored.types(paymentId)).containsExactly("PaymentRequested");
    }

    @Test
    void a_malformed_payment_is_a_400_naming_each_field() {
        http.post().uri("/api/payments").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("amount", Map.of("amount", "10"), "method", "CARD"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[*].field").value(fields -> assertThat(fields)
                        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                        .containsExactly("amount.currency", "orderId"));
    }

    @Test
    void capturing_an_unknown_payment_is_a_404() {
        post("/api/payments/{id}/capture", Map.of("gatewayReference", "sandbox-1"), UUID.randomUUID().toString())
                .expectStatus().isNotFound();
    }

    @Test
    void no_card_number_is_accepted_in_a_payment_request() {
        Map<String, Object> withCard = new java.util.HashMap<>(payment(UUID.randomUUID().toString()));
        withCard.put("cardNumber", "4242424242424242");
        http.post().uri("/api/payments").contentType(MediaType.APPLICATION_JSON).body(withCard)
                .exchange()
                .expectStatus().isBadRequest();
        assertThat(jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE convert_from(payload, 'UTF8') LIKE '%4242424242424242%'")
                .query(Long.class).single()).isZero();
    }

    @Test
    void a_requested_payment_is_charged_once_the_customer_gives_a_card_and_the_card_is_not_kept() {
        String orderId = PaymentRequests.placedOrder(http);
        http.post().uri("/api/payments").contentType(MediaType.APPLICATION_JSON).body(payment(orderId))
                .exchange().expectStatus().isCreated();
        http.put().uri("/api/payments/instructions/{order}", orderId).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("cardNumber", "4242424242424242"))
                .exchange().expectStatus().isAccepted();

        // the provider is called after the request is answered
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(stored.types(PaymentId.forOrder(orderId)))
                .containsExactly("PaymentRequested", "PaymentChargeStarted", "PaymentCaptured"));
        assertThat(jdbc.sql("SELECT gateway_token || card_last4 FROM payment_instruction WHERE order_id = ?")
                .param(orderId).query(String.class).single()).doesNotContain("4242424242424242").endsWith("4242");
    }

    @Test
    void an_invalid_card_number_is_a_400_that_does_not_repeat_it() {
        http.put().uri("/api/payments/instructions/{order}", UUID.randomUUID()).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("cardNumber", "4242424242424241"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody(String.class).value(body -> assertThat(body)
                        .contains("cardNumber").doesNotContain("4242424242424241"));
    }

    @Test
    void a_card_for_an_order_that_does_not_exist_is_a_404_and_is_not_kept() {
        String orderId = UUID.randomUUID().toString();
        http.put().uri("/api/payments/instructions/{order}", orderId).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("cardNumber", "4242424242424242"))
                .exchange().expectStatus().isNotFound();
        assertThat(jdbc.sql("SELECT count(*) FROM payment_instruction WHERE order_id = ?").param(orderId)
                .query(Long.class).single()).isZero();
    }

    private RestTestClient.ResponseSpec post(String uri, Object body, String paymentId) {
        return http.post().uri(uri, paymentId).contentType(MediaType.APPLICATION_JSON).body(body).exchange();
    }

}
