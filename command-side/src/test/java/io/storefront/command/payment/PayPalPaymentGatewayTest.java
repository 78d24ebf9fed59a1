package io.storefront.command.payment;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.micrometer.observation.ObservationRegistry;
import io.storefront.api.shared.Money;
import io.storefront.command.BusinessRuleViolation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
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
 * The PayPal adapter against a stub that answers as PayPal's Orders v2, Payments v2 and OAuth2
 * references document: client-credentials token, order check, capture and refund with
 * {@code PayPal-Request-Id}, and the webhook verification call.
 */
class PayPalPaymentGatewayTest {

    @RegisterExtension
    static final WireMockExtension paypal = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String ORDER = "5O190127TN364715T";
    private static final String PAYMENT = "7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f";
    private static final Money AMOUNT = Money.of("25.00", "USD");

    private final PayPalPaymentGateway gateway = gateway(paypal.baseUrl(), 3);

    static PayPalPaymentGateway gateway(String apiBase, int attempts) {
        return new PayPalConfiguration().payPalPaymentGateway(new PaymentSettings("paypal", Duration.ofSeconds(1),
                new PaymentSettings.Retry(attempts, Duration.ofMillis(10)), ProviderCallsTest.NEVER_DOWN, 1, null,
                new PaymentSettings.PayPal("client-id", "client-secret", "WH-1", apiBase), null, null),
                ObservationRegistry.NOOP, Clock.systemUTC());
    }

    @BeforeEach
    void paypalGrantsTokensAndKnowsTheApprovedOrder() {
        stubAccessToken(paypal);
        paypal.stubFor(get("/v2/checkout/orders/" + ORDER).willReturn(okJson(order("APPROVED", "25.00", ""))));
    }

    @Test
    void a_charge_checks_the_approved_order_and_captures_it_under_the_payment_id() {
        paypal.stubFor(capture().willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody(order("COMPLETED", "25.00", captures("COMPLETED")))));

        assertThat(gateway.charge(PAYMENT, PAYMENT, ORDER, AMOUNT)).isEqualTo(PaymentGateway.Outcome.approved("3C679366HH908993F"));
        paypal.verify(postRequestedFor(urlEqualTo("/v2/checkout/orders/" + ORDER + "/capture"))
                .withHeader("Authorization", equalTo("Bearer A21AAFEpH4PsADK7qSS7pSRsgzfENtu-Q1ysgEDVDESseMHBYXVJYE8ovjj68elIDy8nF26AwPhfXTIeWAZHSLIsQkSYz9ifg"))
                .withHeader("PayPal-Request-Id", equalTo(PAYMENT))
                .withHeader("Content-Type", containing("application/json")));
        paypal.verify(1, postRequestedFor(urlEqualTo("/v1/oauth2/token"))
                .withHeader("Authorization", equalTo("Basic Y2xpZW50LWlkOmNsaWVudC1zZWNyZXQ="))
                .withRequestBody(equalTo("grant_type=client_credentials")));
    }

    @Test
    void the_access_token_is_kept_until_it_expires_and_fetched_again_when_refused() {
        paypal.stubFor(capture().willReturn(okJson(order("COMPLETED", "25.00", captures("COMPLETED")))));
        gateway.charge(PAYMENT, PAYMENT, ORDER, AMOUNT);
        gateway.charge(PAYMENT, PAYMENT, ORDER, AMOUNT);
        paypal.verify(1, postRequestedFor(urlEqualTo("/v1/oauth2/token")));

        paypal.stubFor(get("/v2/checkout/orders/" + ORDER).inScenario("revoked").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(401)).willSetStateTo("renewed"));
        gateway.charge(PAYMENT, PAYMENT, ORDER, AMOUNT);
        paypal.verify(2, postRequestedFor(urlEqualTo("/v1/oauth2/token")));
    }

    @Test
    void an_order_approved_for_another_amount_is_declined_and_not_captured() {
        assertThat(gateway.charge(PAYMENT, PAYMENT, ORDER, Money.of("250.00", "USD")))
                .isEqualTo(PaymentGateway.Outcome.declined("amount_mismatch"));
        paypal.verify(0, postRequestedFor(urlEqualTo("/v2/checkout/orders/" + ORDER + "/capture")));
    }

    @Test
    void a_declined_instrument_declines_with_paypals_issue() {
        paypal.stubFor(capture().willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/json")
                .withBody("""
                        {"name": "UNPROCESSABLE_ENTITY", "message": "The requested action could not be performed.",
                         "details": [{"issue": "INSTRUMENT_DECLINED", "description": "The instrument presented was declined."}]}""")));

        assertThat(gateway.charge(PAYMENT, PAYMENT, ORDER, AMOUNT)).isEqualTo(PaymentGateway.Outcome.declined("INSTRUMENT_DECLINED"));
    }

    @Test
    void an_order_captured_by_a_call_whose_answer_was_lost_reads_the_capture_from_the_order() {
        paypal.stubFor(capture().willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/json")
                .withBody("{\"name\": \"UNPROCESSABLE_ENTITY\", \"details\": [{\"issue\": \"ORDER_ALREADY_CAPTURED\"}]}")));
        paypal.stubFor(get("/v2/checkout/orders/" + ORDER).inScenario("captured").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(order("APPROVED", "25.00", ""))).willSetStateTo("captured"));
        paypal.stubFor(get("/v2/checkout/orders/" + ORDER).inScenario("captured").whenScenarioStateIs("captured")
                .willReturn(okJson(order("COMPLETED", "25.00", captures("COMPLETED")))));

        assertThat(gateway.charge(PAYMENT, PAYMENT, ORDER, AMOUNT)).isEqualTo(PaymentGateway.Outcome.approved("3C679366HH908993F"));
    }

    @Test
    void a_capture_paypal_holds_for_review_is_pending_and_a_failing_paypal_is_retried_then_unavailable() {
        paypal.stubFor(capture().willReturn(okJson(order("COMPLETED", "25.00", captures("PENDING")))));
        assertThat(gateway.charge(PAYMENT, PAYMENT, ORDER, AMOUNT))
                .isEqualTo(PaymentGateway.Outcome.pending("3C679366HH908993F", null));

        paypal.stubFor(capture().willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> gateway.charge(PAYMENT, PAYMENT, ORDER, AMOUNT))
                .isInstanceOf(PaymentGateway.ProviderUnavailable.class);
        paypal.verify(1 + 3, postRequestedFor(urlEqualTo("/v2/checkout/orders/" + ORDER + "/capture"))
                .withHeader("PayPal-Request-Id", equalTo(PAYMENT)));
    }

    @Test
    void a_refund_refunds_the_capture_in_paypals_amount_format() {
        paypal.stubFor(post("/v2/payments/captures/3C679366HH908993F/refund").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\": \"1JU08902781691411\", \"status\": \"COMPLETED\"}")));

        assertThat(gateway.refund("refund:" + PAYMENT, "3C679366HH908993F", AMOUNT))
                .isEqualTo(PaymentGateway.Outcome.approved("1JU08902781691411"));
        paypal.verify(postRequestedFor(urlEqualTo("/v2/payments/captures/3C679366HH908993F/refund"))
                .withHeader("PayPal-Request-Id", equalTo("refund:" + PAYMENT))
                .withRequestBody(equalToJson("{\"amount\": {\"value\": \"25.00\", \"currency_code\": \"USD\"}}")));
    }

    @Test
    void the_token_is_an_order_the_customer_approved_never_a_card_number() {
        paypal.stubFor(get("/v2/checkout/orders/8XY").willReturn(okJson(order("CREATED", "25.00", ""))));

        assertThat(gateway.token(ORDER)).isEqualTo(new PaymentGateway.CardToken(ORDER, null));
        assertThatThrownBy(() -> gateway.token("8XY")).isInstanceOf(BusinessRuleViolation.class);
        assertThatThrownBy(() -> gateway.tokenize("4111111111111111")).isInstanceOf(BusinessRuleViolation.class);
    }

    @Test
    void paypal_is_asked_about_a_webhook_with_the_event_exactly_as_it_came() {
        String event = "{\"id\":\"WH-2WR32451HC0233532-67976317FL4543714\", \"event_type\" : \"PAYMENT.CAPTURE.COMPLETED\"}";
        paypal.stubFor(verification("SUCCESS"));

        assertThat(gateway.vouchesFor(Map.of("auth_algo", "SHA256withRSA", "transmission_id", "69cd13f0"), "WH-1", event)).isTrue();
        paypal.verify(postRequestedFor(urlEqualTo("/v1/notifications/verify-webhook-signature"))
                .withRequestBody(containing("\"webhook_event\":" + event))
                .withRequestBody(equalToJson("""
                        {"auth_algo": "SHA256withRSA", "transmission_id": "69cd13f0", "webhook_id": "WH-1",
                         "webhook_event": {"id": "WH-2WR32451HC0233532-67976317FL4543714", "event_type": "PAYMENT.CAPTURE.COMPLETED"}}""")));

        paypal.stubFor(verification("FAILURE"));
        assertThat(gateway.vouchesFor(Map.of("auth_algo", "SHA256withRSA"), "WH-1", event)).isFalse();
    }

    static void stubAccessToken(WireMockExtension paypal) {
        paypal.stubFor(post("/v1/oauth2/token").willReturn(okJson("""
                {"scope": "https://uri.paypal.com/services/payments/payment", "access_token":
                 "A21AAFEpH4PsADK7qSS7pSRsgzfENtu-Q1ysgEDVDESseMHBYXVJYE8ovjj68elIDy8nF26AwPhfXTIeWAZHSLIsQkSYz9ifg",
                 "token_type": "Bearer", "app_id": "APP-80W284485P519543T", "expires_in": 31668, "nonce": "2020-04-03T15:35:36Z"}""")));
    }

    static MappingBuilder verification(String verdict) {
        return post("/v1/notifications/verify-webhook-signature")
                .willReturn(okJson("{\"verification_status\": \"" + verdict + "\"}"));
    }

    private static MappingBuilder capture() {
        return post("/v2/checkout/orders/" + ORDER + "/capture");
    }

    /** An order as PayPal's reference shows it, with {@code payments} in its purchase unit. */
    private static String order(String status, String value, String payments) {
        return """
                {"id": "%s", "intent": "CAPTURE", "status": "%s",
                 "purchase_units": [{"reference_id": "default", "amount": {"currency_code": "USD", "value": "%s"}%s}]}"""
                .formatted(ORDER, status, value, payments);
    }

    private static String captures(String status) {
        return """
                , "payments": {"captures": [{"id": "3C679366HH908993F", "status": "%s",
                                             "amount": {"currency_code": "USD", "value": "25.00"}, "final_capture": true}]}"""
                .formatted(status);
    }
}
