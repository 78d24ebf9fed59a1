package io.storefront.command.payment;

import io.storefront.api.shared.Money;
import io.storefront.command.BusinessRuleViolation;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Xendit's Invoice API, called as its reference documents it. The customer picks how to pay among
 * Xendit's channels (card, bank transfer, e-wallets, QRIS); that choice is the token. Charging creates
 * an invoice for the payment ({@code external_id} is the payment's id) limited to that channel; the
 * customer pays on Xendit's page, so the charge awaits confirmation with the invoice's URL, and Xendit's
 * callback settles it. A refund is {@code POST /refunds} of the invoice. Every call carries the
 * payment's idempotency key. Xendit's Java library is not used: its address cannot be configured and its
 * key is a static field of the whole JVM.
 */
class XenditPaymentGateway implements PaymentGateway {

    static final Set<String> CHANNELS = Set.of("CREDIT_CARD", "BCA", "BNI", "BRI", "MANDIRI", "PERMATA", "BSI",
            "OVO", "DANA", "SHOPEEPAY", "LINKAJA", "QRIS");

    private final RestClient xendit;
    private final ProviderCalls calls;

    XenditPaymentGateway(RestClient xendit, PaymentSettings settings) {
        this.xendit = xendit;
        this.calls = new ProviderCalls("Xendit", settings, ResourceAccessException.class::isInstance);
    }

    @Override
    public CardToken tokenize(String cardNumber) {
        throw new BusinessRuleViolation("This shop takes payments on Xendit's page: send the channel the customer chose "
                + "(" + String.join(", ", CHANNELS.stream().sorted().toList()) + ") as the token, not a card number");
    }

    @Override
    public CardToken token(String channel) {
        if (!CHANNELS.contains(channel)) {
            throw new BusinessRuleViolation("Xendit has no payment channel " + channel);
        }
        return new CardToken(channel, null);
    }

    @Override
    public Outcome charge(String idempotencyKey, String paymentId, String channel, Money amount) {
        Map<String, Object> invoice = new LinkedHashMap<>();
        invoice.put("external_id", paymentId);
        invoice.put("amount", amount.amount());
        invoice.put("currency", amount.currency().getCurrencyCode());
        invoice.put("payment_methods", java.util.List.of(channel));
        invoice.put("description", "Storefront payment " + paymentId);
        ProviderHttp.Answer created = send("/v2/invoices", invoice, idempotencyKey);
        if (!created.ok()) {
            return Outcome.declined(String.valueOf(created.body().get("error_code")));
        }
        return "PAID".equals(created.body().get("status")) || "SETTLED".equals(created.body().get("status"))
                ? Outcome.approved(String.valueOf(created.body().get("id")))
                : Outcome.pending(String.valueOf(created.body().get("id")), (String) created.body().get("invoice_url"));
    }

    @Override
    public Outcome refund(String idempotencyKey, String chargeReference, Money amount) {
        Map<String, Object> refund = new LinkedHashMap<>();
        refund.put("invoice_id", chargeReference);
        refund.put("reason", "REQUESTED_BY_CUSTOMER");
        refund.put("amount", amount.amount());
        refund.put("currency", amount.currency().getCurrencyCode());
        ProviderHttp.Answer made = send("/refunds", refund, idempotencyKey);
        String status = String.valueOf(made.body().get("status"));
        return made.ok() && !"FAILED".equals(status)
                ? Outcome.approved(String.valueOf(made.body().get("id")))
                : Outcome.declined(String.valueOf(made.body().getOrDefault("failure_code", made.body().get("error_code"))));
    }

    private ProviderHttp.Answer send(String path, Map<String, Object> body, String idempotencyKey) {
        return calls.call(() -> xendit.post().uri(path)
                .header("Idempotency-key", idempotencyKey)
                .header("X-IDEMPOTENCY-KEY", idempotencyKey)
                .body(body)
                .exchange((sent, response) -> ProviderHttp.answer(response)));
    }
}
