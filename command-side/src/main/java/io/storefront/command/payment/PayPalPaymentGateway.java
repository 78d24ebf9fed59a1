package io.storefront.command.payment;

import io.storefront.api.shared.Money;
import io.storefront.command.BusinessRuleViolation;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * PayPal's Orders v2 API, called as its reference documents it. The customer approves an order in
 * PayPal's buttons; its id is the token. Charging checks that the approved order is for the payment's
 * amount and captures it ({@code POST /v2/checkout/orders/{id}/capture}); a refund refunds the capture.
 * Every call carries the payment's idempotency key as {@code PayPal-Request-Id} and an OAuth2 access
 * token obtained with the client credentials, kept until shortly before it expires. PayPal's Java SDK is
 * not used: its API address is one of two fixed environments and it resolves its own dependencies by
 * version ranges.
 */
class PayPalPaymentGateway implements PaymentGateway {

    private static final long EXPIRY_MARGIN_SECONDS = 60;

    private final RestClient paypal;
    private final String clientId;
    private final String clientSecret;
    private final Clock clock;
    private final ProviderCalls calls;
    private String accessToken;
    private Instant accessTokenExpires = Instant.MIN;

    PayPalPaymentGateway(RestClient paypal, String clientId, String clientSecret, Clock clock, PaymentSettings settings) {
        this.paypal = paypal;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.clock = clock;
        this.calls = new ProviderCalls("PayPal", settings,
                ResourceAccessException.class::isInstance);
    }

    @Override
    public CardToken tokenize(String cardNumber) {
        throw new BusinessRuleViolation("This shop takes PayPal through PayPal's buttons: send the approved order's id "
                + "as the token, not a card number");
    }

    /** The order the customer approved in PayPal's buttons. */
    @Override
    public CardToken token(String providerToken) {
        ProviderHttp.Answer order = send(HttpMethod.GET, "/v2/checkout/orders/" + providerToken, null, null);
        if (order.status().value() == 404 || !"APPROVED".equals(order.body().get("status"))) {
            throw new BusinessRuleViolation("PayPal has no approved order with this id");
        }
        return new CardToken(providerToken, null);
    }

    @Override
    public Outcome charge(String idempotencyKey, String paymentId, String token, Money amount) {
        ProviderHttp.Answer order = send(HttpMethod.GET, "/v2/checkout/orders/" + token, null, null);
        if (!order.ok()) {
            return Outcome.declined("PayPal has no order " + token);
        }
        if (!amount.isSameAs(amountOf(firstUnit(order.body())))) {
            return Outcome.declined("amount_mismatch");
        }
        ProviderHttp.Answer capture = send(HttpMethod.POST, "/v2/checkout/orders/" + token + "/capture", Map.of(), idempotencyKey);
        if (capture.ok()) {
            return outcomeOf(capture.body());
        }
        String issue = issueOf(capture.body());
        if ("ORDER_ALREADY_CAPTURED".equals(issue)) {
            // captured by a call whose answer was lost: the order shows how it went
            return outcomeOf(send(HttpMethod.GET, "/v2/checkout/orders/" + token, null, null).body());
        }
        return Outcome.declined(issue);
    }

    @Override
    public Outcome refund(String idempotencyKey, String chargeReference, Money amount) {
        ProviderHttp.Answer refund = send(HttpMethod.POST, "/v2/payments/captures/" + chargeReference + "/refund",
                Map.of("amount", money(amount)), idempotencyKey);
        String status = String.valueOf(refund.body().get("status"));
        return refund.ok() && List.of("COMPLETED", "PENDING").contains(status)
                ? Outcome.approved(String.valueOf(refund.body().get("id")))
                : Outcome.declined(refund.ok() ? status : issueOf(refund.body()));
    }

    /**
     * Whether PayPal vouches for a webhook, asked as PayPal documents it
     * ({@code POST /v1/notifications/verify-webhook-signature}) with the transmission's headers, the shop's
     * webhook id and the event exactly as it arrived: parsed and written again it might differ and fail.
     */
    boolean vouchesFor(Map<String, String> transmission, String webhookId, String rawEvent) {
        Map<String, String> fields = new java.util.LinkedHashMap<>(transmission);
        fields.put("webhook_id", webhookId);
        String json = JsonMapper.shared().writeValueAsString(fields);
        String request = json.substring(0, json.length() - 1) + ",\"webhook_event\":" + rawEvent + "}";
        ProviderHttp.Answer verdict = send(HttpMethod.POST, "/v1/notifications/verify-webhook-signature", request, null);
        return verdict.ok() && "SUCCESS".equals(verdict.body().get("verification_status"));
    }

    /** What an order's capture says: completed, pending (e-checks, reviews), or declined. */
    @SuppressWarnings("unchecked")
    private static Outcome outcomeOf(Map<String, Object> order) {
        Map<String, Object> payments = (Map<String, Object>) firstUnit(order).get("payments");
        Map<String, Object> capture = ((List<Map<String, Object>>) payments.get("captures")).getFirst();
        String id = String.valueOf(capture.get("id"));
        return switch (String.valueOf(capture.get("status"))) {
            case "COMPLETED" -> Outcome.approved(id);
            case "PENDING" -> Outcome.pending(id, null);
            default -> Outcome.declined(String.valueOf(capture.get("status")));
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstUnit(Map<String, Object> order) {
        return ((List<Map<String, Object>>) order.get("purchase_units")).getFirst();
    }

    @SuppressWarnings("unchecked")
    private static Money amountOf(Map<String, Object> unit) {
        Map<String, Object> amount = (Map<String, Object>) unit.get("amount");
        return Money.of((String) amount.get("value"), (String) amount.get("currency_code"));
    }

    /** PayPal's amount: the currency's own number of decimals, as a string. */
    private static Map<String, String> money(Money amount) {
        BigDecimal value = amount.amount().setScale(amount.currency().getDefaultFractionDigits(), RoundingMode.UNNECESSARY);
        return Map.of("currency_code", amount.currency().getCurrencyCode(), "value", value.toPlainString());
    }

    @SuppressWarnings("unchecked")
    private static String issueOf(Map<String, Object> error) {
        if (error.get("details") instanceof List<?> details && !details.isEmpty()) {
            return String.valueOf(((Map<String, Object>) details.getFirst()).get("issue"));
        }
        return String.valueOf(error.getOrDefault("name", "declined"));
    }

    private ProviderHttp.Answer send(HttpMethod method, String path, Object body, String idempotencyKey) {
        return calls.call(() -> {
            RestClient.RequestBodySpec request = paypal.method(method).uri(path)
                    .headers(headers -> {
                        headers.setBearerAuth(accessToken());
                        headers.set("Prefer", "return=representation");
                        if (idempotencyKey != null) {
                            headers.set("PayPal-Request-Id", idempotencyKey);
                        }
                    });
            if (body != null) {
                request.body(body);
            }
            return request.exchange((sent, response) -> {
                if (response.getStatusCode().value() == 401) {
                    forgetAccessToken(); // revoked or expired early: the next attempt gets a new one
                    throw new ProviderCalls.Fault("access token refused");
                }
                return ProviderHttp.answer(response);
            });
        });
    }

    /** The cached access token, or a new one for the client credentials when it is about to expire. */
    private synchronized String accessToken() {
        if (clock.instant().isBefore(accessTokenExpires)) {
            return accessToken;
        }
        LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "client_credentials");
        Map<String, Object> granted = paypal.post().uri("/v1/oauth2/token")
                .headers(headers -> headers.setBasicAuth(clientId, clientSecret))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(form)
                .exchange((sent, response) -> {
                    ProviderHttp.Answer answer = ProviderHttp.answer(response);
                    if (!answer.ok()) {
                        throw new ProviderCalls.Fault("no access token: HTTP " + answer.status().value());
                    }
                    return answer.body();
                });
        accessToken = String.valueOf(granted.get("access_token"));
        accessTokenExpires = clock.instant().plusSeconds(((Number) granted.get("expires_in")).longValue() - EXPIRY_MARGIN_SECONDS);
        return accessToken;
    }

    private synchronized void forgetAccessToken() {
        accessTokenExpires = Instant.MIN;
    }
}
