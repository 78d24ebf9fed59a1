package io.storefront.command.payment;

import io.storefront.api.shared.Money;
import io.storefront.command.BusinessRuleViolation;
import org.springframework.http.HttpMethod;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Midtrans' Core API, called as its reference documents it: a card charge is {@code POST /v2/charge} with
 * the token Midtrans' own card form made ({@code token_id}) and 3-D Secure on, the payment's id as the
 * transaction's {@code order_id} and as the {@code Idempotency-Key}; a refund is
 * {@code POST /v2/{transaction_id}/refund} with a {@code refund_key}. Midtrans' Java library is not used:
 * its API address cannot be configured and it keeps the idempotency key in a configuration shared by
 * all requests, which concurrent charges would overwrite.
 */
class MidtransPaymentGateway implements PaymentGateway {

    /** A token of Midtrans' card form: the card's first six and last four digits, then the token's own id. */
    private static final Pattern CARD_TOKEN = Pattern.compile("\\d{6}-(\\d{4})-[0-9A-Za-z-]+");
    static final Set<String> SETTLED = Set.of("capture", "settlement");
    static final Set<String> FAILED = Set.of("deny", "cancel", "expire", "failure");

    private final RestClient midtrans;
    private final ProviderCalls calls;

    MidtransPaymentGateway(RestClient midtrans, PaymentSettings settings) {
        this.midtrans = midtrans;
        this.calls = new ProviderCalls("Midtrans", settings,
                ResourceAccessException.class::isInstance);
    }

    @Override
    public CardToken tokenize(String cardNumber) {
        throw new BusinessRuleViolation("This shop takes cards through Midtrans' card form: send its token_id as the token, "
                + "not a card number");
    }

    @Override
    public CardToken token(String providerToken) {
        Matcher token = CARD_TOKEN.matcher(providerToken);
        if (!token.matches()) {
            throw new BusinessRuleViolation("This is not a token of Midtrans' card form");
        }
        return new CardToken(providerToken, token.group(1));
    }

    @Override
    public Outcome charge(String idempotencyKey, String paymentId, String token, Money amount) {
        if (!amount.currency().getCurrencyCode().equals("IDR") || amount.amount().stripTrailingZeros().scale() > 0) {
            return Outcome.declined("Midtrans charges whole rupiah (IDR) only");
        }
        Map<String, Object> charge = Map.of(
                "payment_type", "credit_card",
                "transaction_details", Map.of("order_id", paymentId, "gross_amount", amount.amount().longValueExact()),
                "credit_card", Map.of("token_id", token, "authentication", true));
        Map<String, Object> answer = send(HttpMethod.POST, "/v2/charge", charge, idempotencyKey);
        if ("406".equals(answer.get("status_code"))) {
            // the order_id was charged before, by a call whose answer was lost: what became of it?
            answer = send(HttpMethod.GET, "/v2/" + paymentId + "/status", null, null);
        }
        return outcomeOf(answer);
    }

    @Override
    public Outcome refund(String idempotencyKey, String chargeReference, Money amount) {
        Map<String, Object> refund = new LinkedHashMap<>();
        refund.put("refund_key", idempotencyKey);
        refund.put("amount", amount.amount().longValueExact());
        refund.put("reason", "Refunded by the shop");
        Map<String, Object> answer = send(HttpMethod.POST, "/v2/" + chargeReference + "/refund", refund, idempotencyKey);
        String status = String.valueOf(answer.get("transaction_status"));
        return "200".equals(answer.get("status_code")) && status.endsWith("refund")
                ? Outcome.approved(String.valueOf(answer.get("refund_key")))
                : Outcome.declined(String.valueOf(answer.get("status_message")));
    }

    /** What Midtrans' answer, or its notification, says of a transaction. */
    static Outcome outcomeOf(Map<String, ?> transaction) {
        String status = String.valueOf(transaction.get("transaction_status"));
        String reference = String.valueOf(transaction.get("transaction_id"));
        if (SETTLED.contains(status)) {
            return "challenge".equals(transaction.get("fraud_status")) ? Outcome.pending(reference, null)
                    : Outcome.approved(reference);
        }
        if ("pending".equals(status)) {
            return Outcome.pending(reference, (String) transaction.get("redirect_url"));
        }
        return Outcome.declined(FAILED.contains(status) ? String.valueOf(transaction.get("status_message"))
                : "refused by Midtrans: " + transaction.get("status_message"));
    }

    /** Midtrans answers with its own {@code status_code} in the body, a 5xx there meaning a fault on its side. */
    private Map<String, Object> send(HttpMethod method, String path, Map<String, Object> body, String idempotencyKey) {
        return calls.call(() -> {
            RestClient.RequestBodySpec request = midtrans.method(method).uri(path);
            if (idempotencyKey != null) {
                request.header("Idempotency-Key", idempotencyKey);
            }
            if (body != null) {
                request.body(body);
            }
            Map<String, Object> answer = request.exchange((sent, response) -> ProviderHttp.answer(response)).body();
            if (answer.isEmpty() || String.valueOf(answer.get("status_code")).startsWith("5")) {
                throw new ProviderCalls.Fault(answer.isEmpty() ? "no answer" : String.valueOf(answer.get("status_message")));
            }
            return answer;
        });
    }
}
