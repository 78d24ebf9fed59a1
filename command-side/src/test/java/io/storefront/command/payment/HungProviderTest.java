package io.storefront.command.payment;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.storefront.api.payment.PaymentId;
import io.storefront.command.CommandSideTest;
import io.storefront.command.StoredEvents;
import org.axonframework.eventhandling.Segment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stripe (a stub) hangs on one payment's charge, past the call's timeout each time it is asked: that
 * payment and its customer's request are not held, another payment is charged meanwhile, and the hung
 * one ends declined {@value Payment#PROVIDER_UNAVAILABLE} once its retries are spent. Its context is
 * closed after this class: kept in the cache, its processor would charge through this stub what the
 * other specs start with Stripe.
 */
@CommandSideTest
@DirtiesContext
class HungProviderTest {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    private static final int ATTEMPTS = 2;
    private static final int PARALLEL_CALLS = 4;

    @RegisterExtension
    static final WireMockExtension stripe = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().containerThreads(20)).build();

    @DynamicPropertySource
    static void stripeIsTheProvider(DynamicPropertyRegistry properties) {
        properties.add("storefront.payment.provider", () -> "stripe");
        properties.add("storefront.payment.stripe.api-base", stripe::baseUrl);
        properties.add("storefront.payment.stripe.api-key", () -> "sk_test_hung");
        properties.add("storefront.payment.stripe.webhook-secret", () -> "whsec_test_hung");
        properties.add("storefront.payment.timeout", CALL_TIMEOUT::toString);
        properties.add("storefront.payment.retry.attempts", () -> ATTEMPTS);
        properties.add("storefront.payment.retry.first-pause", () -> "100ms");
        properties.add("storefront.payment.parallel-calls", () -> PARALLEL_CALLS);
    }

    @Autowired
    RestTestClient admin;

    @Autowired
    StoredEvents stored;

    @Test
    void a_provider_that_hangs_on_one_payment_holds_neither_that_payment_nor_the_others() {
        String hungOrder = PaymentRequests.placedOrder(admin);
        String otherOrder = orderChargedInAnotherSegmentThan(hungOrder);
        String hung = PaymentRequests.requestedPayment(admin, hungOrder);
        String other = PaymentRequests.requestedPayment(admin, otherOrder);
        stripe.stubFor(post("/v1/payment_intents").withHeader("Idempotency-Key", equalTo(hung))
                .willReturn(okJson(intent("pi_hung", hung)).withFixedDelay((int) CALL_TIMEOUT.multipliedBy(3).toMillis())));
        stripe.stubFor(post("/v1/payment_intents").withHeader("Idempotency-Key", equalTo(other))
                .willReturn(okJson(intent("pi_other", other))));

        payWith(hungOrder, "pm_hung");
        payWith(otherOrder, "pm_other");

        await().atMost(Duration.ofSeconds(30)).until(() -> stored.types(other).contains("PaymentCaptured"));
        // its customer was answered, and the payment still answers, while the provider hangs on its charge
        admin.post().uri("/api/payments/{id}/refund", hung).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("reason", "changed my mind")).exchange()
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(stored.types(hung)).as("the hung charge is still waiting for the provider")
                .containsExactly("PaymentRequested", "PaymentChargeStarted");

        await().atMost(Duration.ofSeconds(60)).until(() -> stored.types(hung).contains("PaymentDeclined"));
        assertThat(stored.types(hung)).containsExactly("PaymentRequested", "PaymentChargeStarted", "PaymentDeclined");
        assertThat(stored.payloads(hung).getLast()).contains("\"reason\":\"" + Payment.PROVIDER_UNAVAILABLE + "\"");
        // asked again after each timeout, under the same idempotency key: it charges once if it charges at all
        stripe.verify(ATTEMPTS, postRequestedFor(urlEqualTo("/v1/payment_intents")).withHeader("Idempotency-Key", equalTo(hung)));
        assertThat(stored.types(other)).containsExactly("PaymentRequested", "PaymentChargeStarted", "PaymentCaptured");
    }

    /** A new order whose payment's charge is made in another segment of the processor than that of {@code order}'s. */
    private String orderChargedInAnotherSegmentThan(String order) {
        List<Segment> segments = Segment.splitBalanced(Segment.ROOT_SEGMENT, PARALLEL_CALLS - 1);
        Segment taken = segments.stream().filter(segment -> segment.matches(PaymentId.forOrder(order))).findFirst().orElseThrow();
        String other;
        do {
            other = PaymentRequests.placedOrder(admin);
        } while (taken.matches(PaymentId.forOrder(other)));
        return other;
    }

    /** The customer pays with the card Stripe's form made: a PaymentMethod the stub knows. */
    private void payWith(String orderId, String paymentMethod) {
        stripe.stubFor(get("/v1/payment_methods/" + paymentMethod).willReturn(okJson("""
                {"id": "%s", "object": "payment_method", "type": "card", "card": {"brand": "visa", "last4": "4242"}}"""
                .formatted(paymentMethod))));
        admin.put().uri("/api/payments/instructions/{order}", orderId).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("token", paymentMethod)).exchange().expectStatus().isAccepted();
    }

    private static String intent(String id, String paymentId) {
        return """
                {"id": "%s", "object": "payment_intent", "amount": 31900000, "currency": "idr", "status": "succeeded",
                 "metadata": {"payment_id": "%s"}}""".formatted(id, paymentId);
    }
}
