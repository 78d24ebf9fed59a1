package io.storefront.command.payment;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.storefront.api.shared.Money;
import io.storefront.command.BusinessRuleViolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Stripe adapter against a stub that answers as Stripe's API reference documents: what it sends
 * (form fields, secret key, idempotency key) and how it reads each answer.
 */
class StripePaymentGatewayTest {

    @RegisterExtension
    static final WireMockExtension stripe = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String SECRET_KEY = "sk_test_4eC39HqLyjWDarjtT1zdp7dc";
    private static final String PAYMENT = "0d6f2c1e-1b7a-4c43-9d55-7f1f3f0a9e11";
    private static final Money AMOUNT = Money.of("319000", "IDR");
    private static final int ATTEMPTS = 3;

    private final PaymentGateway gateway = new StripeConfiguration().stripePaymentGateway(new PaymentSettings("stripe",
            Duration.ofSeconds(1), new PaymentSettings.Retry(ATTEMPTS, Duration.ofMillis(10)), ProviderCallsTest.NEVER_DOWN, 1,
            new PaymentSettings.Stripe(SECRET_KEY, stripe.baseUrl(), "whsec_test"), null, null, null));

    @Test
    void a_charge_is_a_payment_intent_confirmed_at_once_with_the_payment_id_as_idempotency_key() {
        stripe.stubFor(post("/v1/payment_intents").willReturn(okJson(intent("pi_3OK", "succeeded", ""))));

        PaymentGateway.Outcome outcome = gateway.charge(PAYMENT, PAYMENT, "pm_card_visa", AMOUNT);

        assertThat(outcome).isEqualTo(PaymentGateway.Outcome.approved("pi_3OK"));
        stripe.verify(postRequestedFor(urlEqualTo("/v1/payment_intents"))
                .withHeader("Authorization", equalTo("Bearer " + SECRET_KEY))
                .withHeader("Idempotency-Key", equalTo(PAYMENT))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded;charset=UTF-8"))
                .withFormParam("amount", equalTo("31900000")) // IDR in its smallest unit (sen), as Stripe takes it
                .withFormParam("currency", equalTo("idr"))
                .withFormParam("payment_method", equalTo("pm_card_visa"))
                .withFormParam("payment_method_types[0]", equalTo("card"))
                .withFormParam("confirm", equalTo("true"))
                .withFormParam("metadata[payment_id]", equalTo(PAYMENT)));
    }

    @Test
    void a_declined_card_declines_with_stripes_decline_code() {
        stripe.stubFor(post("/v1/payment_intents").willReturn(aResponse().withStatus(402)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error": {"type": "card_error", "code": "card_declined", "decline_code": "insufficient_funds",
                                   "message": "Your card has insufficient funds.", "param": "",
                                   "payment_intent": %s}}""".formatted(intent("pi_3NO", "requires_payment_method", "")))));

        assertThat(gateway.charge(PAYMENT, PAYMENT, "pm_card_visa_chargeDeclinedInsufficientFunds", AMOUNT))
                .isEqualTo(PaymentGateway.Outcome.declined("insufficient_funds"));
    }

    @Test
    void a_charge_that_needs_3d_secure_awaits_the_customer_at_stripes_page() {
        stripe.stubFor(post("/v1/payment_intents").willReturn(okJson(intent("pi_3DS", "requires_action", """
                , "next_action": {"type": "redirect_to_url",
                                  "redirect_to_url": {"url": "https://hooks.stripe.com/3d_secure_2/hosted?merchant=acct_1",
                                                      "return_url": "https://shop.example/return"}}"""))));

        assertThat(gateway.charge(PAYMENT, PAYMENT, "pm_card_threeDSecure2Required", AMOUNT)).isEqualTo(
                PaymentGateway.Outcome.pending("pi_3DS", "https://hooks.stripe.com/3d_secure_2/hosted?merchant=acct_1"));
    }

    @Test
    void a_request_stripe_refuses_declines_with_its_code_and_is_not_repeated() {
        stripe.stubFor(post("/v1/payment_intents").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error": {"type": "invalid_request_error", "code": "amount_too_large", "param": "amount",
                                   "message": "Amount must be no more than 99,999,999."}}""")));

        assertThat(gateway.charge(PAYMENT, PAYMENT, "pm_card_visa", AMOUNT))
                .isEqualTo(PaymentGateway.Outcome.declined("refused by Stripe: amount_too_large"));
        stripe.verify(1, postRequestedFor(urlEqualTo("/v1/payment_intents")));
    }

    @Test
    void server_errors_are_retried_with_the_same_idempotency_key_and_charge_once() {
        stripe.stubFor(post("/v1/payment_intents").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(serverError()).willSetStateTo("failed once"));
        stripe.stubFor(post("/v1/payment_intents").inScenario("flaky").whenScenarioStateIs("failed once")
                .willReturn(serverError()).willSetStateTo("recovered"));
        stripe.stubFor(post("/v1/payment_intents").inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(okJson(intent("pi_3RETRY", "succeeded", ""))));

        assertThat(gateway.charge(PAYMENT, PAYMENT, "pm_card_visa", AMOUNT))
                .isEqualTo(PaymentGateway.Outcome.approved("pi_3RETRY"));
        stripe.verify(3, postRequestedFor(urlEqualTo("/v1/payment_intents")).withHeader("Idempotency-Key", equalTo(PAYMENT)));
    }

    @Test
    void a_provider_that_keeps_failing_ends_in_provider_unavailable_after_every_attempt() {
        stripe.stubFor(post("/v1/payment_intents").willReturn(serverError()));

        assertThatThrownBy(() -> gateway.charge(PAYMENT, PAYMENT, "pm_card_visa", AMOUNT))
                .isInstanceOf(PaymentGateway.ProviderUnavailable.class);
        stripe.verify(ATTEMPTS, postRequestedFor(urlEqualTo("/v1/payment_intents")).withHeader("Idempotency-Key", equalTo(PAYMENT)));
    }

    @Test
    void a_slow_provider_is_retried_like_an_unreachable_one() {
        stripe.stubFor(post("/v1/payment_intents").willReturn(okJson(intent("pi_3SLOW", "succeeded", ""))
                .withFixedDelay(1500)));

        assertThatThrownBy(() -> gateway.charge(PAYMENT, PAYMENT, "pm_card_visa", AMOUNT))
                .isInstanceOf(PaymentGateway.ProviderUnavailable.class);
    }

    @Test
    void a_refund_refunds_the_payment_intent_under_its_own_idempotency_key() {
        stripe.stubFor(post("/v1/refunds").willReturn(okJson("""
                {"id": "re_3OK", "object": "refund", "amount": 31900000, "currency": "idr",
                 "payment_intent": "pi_3OK", "status": "succeeded"}""")));

        assertThat(gateway.refund("refund:" + PAYMENT, "pi_3OK", AMOUNT)).isEqualTo(PaymentGateway.Outcome.approved("re_3OK"));
        stripe.verify(postRequestedFor(urlEqualTo("/v1/refunds"))
                .withHeader("Idempotency-Key", equalTo("refund:" + PAYMENT))
                .withFormParam("payment_intent", equalTo("pi_3OK"))
                .withFormParam("amount", equalTo("31900000")));
    }

    @Test
    void a_failed_refund_says_why() {
        stripe.stubFor(post("/v1/refunds").willReturn(okJson("""
                {"id": "re_3NO", "object": "refund", "payment_intent": "pi_3OK", "status": "failed",
                 "failure_reason": "expired_or_canceled_card"}""")));

        assertThat(gateway.refund("refund:" + PAYMENT, "pi_3OK", AMOUNT))
                .isEqualTo(PaymentGateway.Outcome.declined("expired_or_canceled_card"));
    }

    @Test
    void a_card_comes_as_the_payment_method_stripes_form_made_never_as_a_number() {
        stripe.stubFor(get("/v1/payment_methods/pm_1Card").willReturn(okJson("""
                {"id": "pm_1Card", "object": "payment_method", "type": "card",
                 "card": {"brand": "visa", "last4": "4242", "exp_month": 12, "exp_year": 2030}}""")));
        stripe.stubFor(get("/v1/payment_methods/pm_unknown").willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error": {"type": "invalid_request_error", "code": "resource_missing", "param": "payment_method",
                                   "message": "No such PaymentMethod: 'pm_unknown'"}}""")));

        assertThat(gateway.token("pm_1Card")).isEqualTo(new PaymentGateway.CardToken("pm_1Card", "4242"));
        assertThatThrownBy(() -> gateway.token("pm_unknown")).isInstanceOf(BusinessRuleViolation.class);
        assertThatThrownBy(() -> gateway.tokenize("4242424242424242")).isInstanceOf(BusinessRuleViolation.class);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder serverError() {
        return aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"type\": \"api_error\", \"message\": \"Something went wrong on Stripe's end.\"}}");
    }

    /** A PaymentIntent as Stripe's API reference shows it, with {@code more} fields. */
    static String intent(String id, String status, String more) {
        return """
                {"id": "%s", "object": "payment_intent", "amount": 31900000, "currency": "idr", "status": "%s",
                 "payment_method": "pm_card_visa", "metadata": {"payment_id": "%s"}%s}""".formatted(id, status, PAYMENT, more);
    }
}
