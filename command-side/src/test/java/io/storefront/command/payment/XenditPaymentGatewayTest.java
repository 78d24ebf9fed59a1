package io.storefront.command.payment;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.storefront.api.shared.Money;
import io.storefront.command.BusinessRuleViolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Xendit adapter against a stub that answers as Xendit's Invoice and Refund references document. */
class XenditPaymentGatewayTest {

    @RegisterExtension
    static final WireMockExtension xendit = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String PAYMENT = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    private static final Money AMOUNT = Money.of("319000", "IDR");

    private final TestObservationRegistry observations = TestObservationRegistry.create();

    private final PaymentGateway gateway = new XenditConfiguration().xenditPaymentGateway(new PaymentSettings("xendit",
            Duration.ofSeconds(1), new PaymentSettings.Retry(3, Duration.ofMillis(10)), ProviderCallsTest.NEVER_DOWN, 1,
            null, null,
            new PaymentSettings.Xendit("xnd_development_P4qDfOss0OCpl8RtKrROHjaQYNCk9dN5lSfk", "callback-token",
                    xendit.baseUrl()), null), observations);

    @Test
    void a_charge_is_an_invoice_for_the_chosen_channel_that_the_customer_pays_on_xendits_page() {
        xendit.stubFor(post("/v2/invoices").willReturn(okJson("""
                {"id": "579c8d61f23fa4ca35e52da4", "external_id": "%s", "user_id": "5781d19b2e2385880609791c",
                 "status": "PENDING", "merchant_name": "Storefront", "amount": 319000, "currency": "IDR",
                 "invoice_url": "https://checkout-staging.xendit.co/web/579c8d61f23fa4ca35e52da4",
                 "expiry_date": "2026-11-29T17:00:00.000Z", "available_banks": []}""".formatted(PAYMENT))));

        assertThat(gateway.charge(PAYMENT, PAYMENT, "BCA", AMOUNT)).isEqualTo(PaymentGateway.Outcome.pending(
                "579c8d61f23fa4ca35e52da4", "https://checkout-staging.xendit.co/web/579c8d61f23fa4ca35e52da4"));
        xendit.verify(postRequestedFor(urlEqualTo("/v2/invoices"))
                .withHeader("Authorization", equalTo("Basic eG5kX2RldmVsb3BtZW50X1A0cURmT3NzME9DcGw4UnRLclJPSGphUVlOQ2s5ZE41bFNmazo="))
                .withHeader("X-IDEMPOTENCY-KEY", equalTo(PAYMENT))
                .withRequestBody(equalToJson("""
                        {"external_id": "%s", "amount": 319000, "currency": "IDR", "payment_methods": ["BCA"]}"""
                        .formatted(PAYMENT), true, true)));
        // a span of the checkout's trace, and a timer
        TestObservationRegistryAssert.assertThat(observations).hasObservationWithNameEqualTo("http.client.requests")
                .that().hasLowCardinalityKeyValue("method", "POST").hasBeenStopped();
    }

    @Test
    void an_invoice_xendit_refuses_is_declined_with_its_error_code_and_a_failing_xendit_is_retried() {
        xendit.stubFor(post("/v2/invoices").willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error_code\": \"API_VALIDATION_ERROR\", \"message\": \"amount must be at least 10000\"}")));
        assertThat(gateway.charge(PAYMENT, PAYMENT, "BCA", AMOUNT)).isEqualTo(PaymentGateway.Outcome.declined("API_VALIDATION_ERROR"));

        xendit.stubFor(post("/v2/invoices").willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> gateway.charge(PAYMENT, PAYMENT, "BCA", AMOUNT))
                .isInstanceOf(PaymentGateway.ProviderUnavailable.class);
        xendit.verify(1 + 3, postRequestedFor(urlEqualTo("/v2/invoices")));
    }

    @Test
    void a_refund_refunds_the_invoice_under_its_own_key() {
        xendit.stubFor(post("/refunds").willReturn(okJson("""
                {"id": "rfd-6f4a377d-a201-437f-9119-f8b00cbbe857", "invoice_id": "579c8d61f23fa4ca35e52da4",
                 "amount": 319000, "currency": "IDR", "status": "SUCCEEDED", "reason": "REQUESTED_BY_CUSTOMER"}""")));

        assertThat(gateway.refund("refund:" + PAYMENT, "579c8d61f23fa4ca35e52da4", AMOUNT))
                .isEqualTo(PaymentGateway.Outcome.approved("rfd-6f4a377d-a201-437f-9119-f8b00cbbe857"));
        xendit.verify(postRequestedFor(urlEqualTo("/refunds")).withHeader("Idempotency-key", equalTo("refund:" + PAYMENT))
                .withRequestBody(equalToJson("{\"invoice_id\": \"579c8d61f23fa4ca35e52da4\", \"reason\": \"REQUESTED_BY_CUSTOMER\"}",
                        true, true)));
    }

    @Test
    void the_token_is_one_of_xendits_channels_never_a_card_number() {
        assertThat(gateway.token("QRIS")).isEqualTo(new PaymentGateway.CardToken("QRIS", null));
        assertThatThrownBy(() -> gateway.token("BITCOIN")).isInstanceOf(BusinessRuleViolation.class);
        assertThatThrownBy(() -> gateway.tokenize("4000000000000002")).isInstanceOf(BusinessRuleViolation.class);
    }
}
