package io.storefront.command.payment;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.micrometer.observation.ObservationRegistry;
import io.storefront.api.shared.Money;
import io.storefront.command.BusinessRuleViolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Midtrans adapter against a stub that answers as Midtrans' Core API reference documents: what it
 * sends (JSON body, server key as Basic user, idempotency key) and how it reads each answer.
 */
class MidtransPaymentGatewayTest {

    @RegisterExtension
    static final WireMockExtension midtrans = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String SERVER_KEY = "SB-Mid-server-TvgWB_Y9s81-rbMBH7zZ8BHW";
    private static final String PAYMENT = "5e0b1c4f-2d7a-4b8e-9a3c-6f1e2d3c4b5a";
    private static final String TOKEN = "481111-1114-a901971f-2f1b-4781-802a-df326fbf0e9c";
    private static final Money AMOUNT = Money.of("319000", "IDR");
    private static final int ATTEMPTS = 3;

    private final PaymentGateway gateway = new MidtransConfiguration().midtransPaymentGateway(new PaymentSettings("midtrans",
            Duration.ofSeconds(1), new PaymentSettings.Retry(ATTEMPTS, Duration.ofMillis(10)), ProviderCallsTest.NEVER_DOWN, 1,
            null, null, null,
            new PaymentSettings.Midtrans(SERVER_KEY, midtrans.baseUrl())), ObservationRegistry.NOOP);

    @Test
    void a_card_charge_sends_the_form_token_with_3d_secure_under_the_payment_id() {
        midtrans.stubFor(post("/v2/charge").willReturn(okJson(transaction("200", "capture", "accept", ""))));

        assertThat(gateway.charge(PAYMENT, PAYMENT, TOKEN, AMOUNT)).isEqualTo(PaymentGateway.Outcome.approved("trx-1"));
        midtrans.verify(postRequestedFor(urlEqualTo("/v2/charge"))
                .withHeader("Authorization", equalTo("Basic " + Base64.getEncoder()
                        .encodeToString((SERVER_KEY + ":").getBytes(StandardCharsets.UTF_8))))
                .withHeader("Idempotency-Key", equalTo(PAYMENT))
                .withHeader("Accept", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"payment_type": "credit_card",
                         "transaction_details": {"order_id": "%s", "gross_amount": 319000},
                         "credit_card": {"token_id": "%s", "authentication": true}}""".formatted(PAYMENT, TOKEN))));
    }

    @Test
    void a_charge_awaiting_3d_secure_sends_the_customer_to_midtrans() {
        midtrans.stubFor(post("/v2/charge").willReturn(okJson(transaction("201", "pending", null,
                ", \"redirect_url\": \"https://api.sandbox.midtrans.com/v2/token/rba/redirect/481111-1114-a9\""))));

        assertThat(gateway.charge(PAYMENT, PAYMENT, TOKEN, AMOUNT)).isEqualTo(PaymentGateway.Outcome.pending("trx-1",
                "https://api.sandbox.midtrans.com/v2/token/rba/redirect/481111-1114-a9"));
    }

    @Test
    void a_charge_the_bank_denies_is_declined_with_midtrans_message() {
        midtrans.stubFor(post("/v2/charge").willReturn(okJson(transaction("202", "deny", "accept", "")
                .replace("\"status_message\": \"ok\"", "\"status_message\": \"Deny by Bank [CIMB] with code [05] and message [Do not honour]\""))));

        assertThat(gateway.charge(PAYMENT, PAYMENT, TOKEN, AMOUNT)).isEqualTo(
                PaymentGateway.Outcome.declined("Deny by Bank [CIMB] with code [05] and message [Do not honour]"));
    }

    @Test
    void a_charge_flagged_by_fraud_detection_awaits_midtrans_decision() {
        midtrans.stubFor(post("/v2/charge").willReturn(okJson(transaction("201", "capture", "challenge", ""))));

        assertThat(gateway.charge(PAYMENT, PAYMENT, TOKEN, AMOUNT)).isEqualTo(PaymentGateway.Outcome.pending("trx-1", null));
    }

    @Test
    void a_charge_answered_with_a_duplicate_order_id_reads_what_became_of_the_first() {
        midtrans.stubFor(post("/v2/charge").willReturn(okJson("""
                {"status_code": "406", "status_message": "The request could not be completed due to a conflict with the current state of the target resource, please try again",
                 "id": "c8a8b6b1"}""")));
        midtrans.stubFor(get("/v2/" + PAYMENT + "/status").willReturn(okJson(transaction("200", "settlement", "accept", ""))));

        assertThat(gateway.charge(PAYMENT, PAYMENT, TOKEN, AMOUNT)).isEqualTo(PaymentGateway.Outcome.approved("trx-1"));
    }

    @Test
    void server_errors_are_retried_under_the_same_key_and_a_lasting_one_ends_as_unavailable() {
        midtrans.stubFor(post("/v2/charge").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"status_code\": \"500\", \"status_message\": \"Sorry. Our system is recovering from unexpected issues. Please retry.\"}"))
                .willSetStateTo("recovered"));
        midtrans.stubFor(post("/v2/charge").inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(okJson(transaction("200", "capture", "accept", ""))));

        assertThat(gateway.charge(PAYMENT, PAYMENT, TOKEN, AMOUNT)).isEqualTo(PaymentGateway.Outcome.approved("trx-1"));
        midtrans.verify(2, postRequestedFor(urlEqualTo("/v2/charge")).withHeader("Idempotency-Key", equalTo(PAYMENT)));

        midtrans.resetAll();
        midtrans.stubFor(post("/v2/charge").willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> gateway.charge(PAYMENT, PAYMENT, TOKEN, AMOUNT))
                .isInstanceOf(PaymentGateway.ProviderUnavailable.class);
        midtrans.verify(ATTEMPTS, postRequestedFor(urlEqualTo("/v2/charge")));
    }

    @Test
    void a_refund_refunds_the_transaction_under_a_refund_key() {
        midtrans.stubFor(post("/v2/trx-1/refund").willReturn(okJson("""
                {"status_code": "200", "status_message": "Success, refund request is approved", "transaction_id": "trx-1",
                 "order_id": "%s", "gross_amount": "319000.00", "currency": "IDR", "payment_type": "credit_card",
                 "transaction_status": "refund", "refund_amount": "319000.00", "refund_key": "refund:%s"}"""
                .formatted(PAYMENT, PAYMENT))));

        assertThat(gateway.refund("refund:" + PAYMENT, "trx-1", AMOUNT))
                .isEqualTo(PaymentGateway.Outcome.approved("refund:" + PAYMENT));
        midtrans.verify(postRequestedFor(urlEqualTo("/v2/trx-1/refund"))
                .withRequestBody(equalToJson("{\"refund_key\": \"refund:%s\", \"amount\": 319000}".formatted(PAYMENT), true, true)));
    }

    @Test
    void cards_come_as_tokens_of_midtrans_form_and_only_whole_rupiah_are_charged() {
        assertThat(gateway.token(TOKEN)).isEqualTo(new PaymentGateway.CardToken(TOKEN, "1114"));
        assertThatThrownBy(() -> gateway.token("pm_card_visa")).isInstanceOf(BusinessRuleViolation.class);
        assertThatThrownBy(() -> gateway.tokenize("4811111111111114")).isInstanceOf(BusinessRuleViolation.class);
        assertThat(gateway.charge(PAYMENT, PAYMENT, TOKEN, Money.of("19.99", "USD")).result())
                .isEqualTo(PaymentGateway.Outcome.Result.DECLINED);
        midtrans.verify(0, postRequestedFor(urlEqualTo("/v2/charge")));
    }

    /** A card transaction as Midtrans' reference shows it. */
    static String transaction(String statusCode, String status, String fraudStatus, String more) {
        return """
                {"status_code": "%s", "status_message": "ok", "transaction_id": "trx-1", "order_id": "%s",
                 "merchant_id": "G141532850", "gross_amount": "319000.00", "currency": "IDR", "payment_type": "credit_card",
                 "transaction_time": "2026-11-28 17:00:00", "transaction_status": "%s", "fraud_status": %s,
                 "masked_card": "48111111-1114", "bank": "cimb", "card_type": "credit"%s}"""
                .formatted(statusCode, PAYMENT, status, fraudStatus == null ? "null" : "\"" + fraudStatus + "\"", more);
    }
}
