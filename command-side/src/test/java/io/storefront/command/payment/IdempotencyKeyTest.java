package io.storefront.command.payment;

import io.storefront.api.payment.PaymentId;
import io.storefront.command.ActingAsAdmin;
import io.storefront.command.EmbeddedRedisInitializer;
import io.storefront.command.CommandSideTest;
import io.storefront.command.StoredEvents;
import io.storefront.command.auth.AccessTokens;
import io.storefront.command.Actor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.storefront.command.payment.PaymentRequests.payment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The payment API's POSTs with an {@code Idempotency-Key}, against a real Redis. */
@CommandSideTest
class IdempotencyKeyTest {

    @Autowired
    RestTestClient http;

    @Autowired
    StoredEvents stored;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    AccessTokens tokens;

    @Test
    void the_same_request_with_the_same_key_gets_the_first_answer_again_and_changes_nothing_more() {
        String orderId = UUID.randomUUID().toString();
        String key = UUID.randomUUID().toString();

        String first = request(orderId, key).expectStatus().isCreated()
                .expectHeader().doesNotExist(IdempotentRequests.REPLAYED)
                .expectBody(String.class).returnResult().getResponseBody();
        // without the key this would be a 409: the order has its payment already
        request(orderId, key).expectStatus().isCreated()
                .expectHeader().valueEquals(IdempotentRequests.REPLAYED, "true")
                .expectHeader().value("Location", location -> assertThat(location).endsWith(PaymentId.forOrder(orderId)))
                .expectBody(String.class).isEqualTo(first);

        assertThat(stored.types(PaymentId.forOrder(orderId))).containsExactly("PaymentRequested");
    }

    @Test
    void a_refund_sent_twice_with_its_key_refunds_once_and_answers_alike() {
        String paymentId = capturedPayment();
        String key = UUID.randomUUID().toString();

        refund(paymentId, key).expectStatus().isNoContent();
        // without the key the second refund would be a 422: the payment is refunded already
        refund(paymentId, key).expectStatus().isNoContent().expectHeader().valueEquals(IdempotentRequests.REPLAYED, "true");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(stored.types(paymentId)).containsExactly(
                "PaymentRequested", "PaymentCaptured", "PaymentRefundRequested", "PaymentRefunded"));
    }

    @Test
    void the_same_key_with_another_request_is_a_422_and_changes_nothing() {
        String key = UUID.randomUUID().toString();
        String orderId = UUID.randomUUID().toString();
        String otherOrder = UUID.randomUUID().toString();
        request(orderId, key).expectStatus().isCreated();

        request(otherOrder, key).expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:storefront:problem:idempotency-key-reused");

        assertThat(stored.types(PaymentId.forOrder(otherOrder))).isEmpty();
    }

    @Test
    void a_key_whose_first_request_is_still_running_is_a_409() {
        String orderId = UUID.randomUUID().toString();
        String key = UUID.randomUUID().toString();
        request(orderId, key).expectStatus().isCreated();
        String redisKey = "idempotency:" + ActingAsAdmin.ADMIN_ID + ":" + key;
        redis.opsForHash().put(redisKey, "state", "in-flight");

        request(orderId, key).expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.type").isEqualTo("urn:storefront:problem:idempotent-request-in-progress");
    }

    @Test
    void keys_belong_to_their_caller_and_expire() {
        String orderId = UUID.randomUUID().toString();
        String key = UUID.randomUUID().toString();
        request(orderId, key).expectStatus().isCreated();

        String otherAdmin = tokens.issue("admin-" + UUID.randomUUID(), Actor.Role.ADMIN,
                EmbeddedRedisInitializer.liveSession("other-session"));
        http.post().uri("/api/payments").contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", key)
                .headers(headers -> headers.setBearerAuth(otherAdmin)).body(payment(orderId))
                .exchange().expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectHeader().doesNotExist(IdempotentRequests.REPLAYED);

        Long secondsLeft = redis.getExpire("idempotency:" + ActingAsAdmin.ADMIN_ID + ":" + key);
        assertThat(Duration.ofSeconds(secondsLeft)).isPositive().isLessThanOrEqualTo(Duration.ofHours(24));
    }

    @Test
    void an_overlong_key_is_a_400() {
        request(UUID.randomUUID().toString(), "k".repeat(256)).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private RestTestClient.ResponseSpec request(String orderId, String key) {
        return http.post().uri("/api/payments").contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", key)
                .body(payment(orderId)).exchange();
    }

    private RestTestClient.ResponseSpec refund(String paymentId, String key) {
        return http.post().uri("/api/payments/{id}/refund", paymentId).contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", key).body(Map.of("reason", "customer asked")).exchange();
    }

    private String capturedPayment() {
        String orderId = UUID.randomUUID().toString();
        request(orderId, UUID.randomUUID().toString()).expectStatus().isCreated();
        String paymentId = PaymentId.forOrder(orderId);
        http.post().uri("/api/payments/{id}/capture", paymentId).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("gatewayReference", "sandbox_ch_1")).exchange().expectStatus().isNoContent();
        return paymentId;
    }
}
