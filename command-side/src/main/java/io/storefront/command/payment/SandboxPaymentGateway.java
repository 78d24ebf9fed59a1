package io.storefront.command.payment;

import io.storefront.api.shared.Money;
import io.storefront.command.BusinessRuleViolation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A built-in provider for the embedded default and the tests. Like the real providers' test modes it
 * decides by test card number: {@code 4000 0000 0000 0002} is declined, {@code 4000 0000 0000 9995}
 * has insufficient funds, any other valid number is approved. It answers after a configurable latency
 * and, like a real provider, answers a repeated idempotency key with its first answer. The provider of
 * the embedded default ({@code storefront.payment.provider=sandbox}).
 */
@Component
@ConditionalOnProperty(name = "storefront.payment.provider", havingValue = "sandbox", matchIfMissing = true)
class SandboxPaymentGateway implements PaymentGateway {

    private static final Map<String, String> DECLINING_CARDS = Map.of(
            "4000000000000002", "card_declined",
            "4000000000009995", "insufficient_funds");
    private static final String PREFIX = "sandbox_";

    private final Duration latency;
    private final Map<String, Outcome> answered = new ConcurrentHashMap<>();

    SandboxPaymentGateway(@Value("${storefront.payment.sandbox.latency:0ms}") Duration latency) {
        this.latency = latency;
    }

    @Override
    public CardToken tokenize(String cardNumber) {
        String outcome = DECLINING_CARDS.getOrDefault(cardNumber, "ok");
        return new CardToken(PREFIX + outcome + "_" + UUID.randomUUID(), cardNumber.substring(cardNumber.length() - 4));
    }

    /** A token this sandbox made before, as a payment form in the browser would have. */
    @Override
    public CardToken token(String providerToken) {
        if (!providerToken.matches(PREFIX + "[a-z_]+_[0-9a-f-]{36}")) {
            throw new BusinessRuleViolation("The sandbox made no such token");
        }
        return new CardToken(providerToken, null);
    }

    @Override
    public Outcome charge(String idempotencyKey, String paymentId, String token, Money amount) {
        return answered.computeIfAbsent(idempotencyKey, key -> {
            waitLatency();
            String outcome = token.substring(PREFIX.length(), token.lastIndexOf('_'));
            return outcome.equals("ok") ? Outcome.approved("sandbox_ch_" + UUID.randomUUID()) : Outcome.declined(outcome);
        });
    }

    @Override
    public Outcome refund(String idempotencyKey, String chargeReference, Money amount) {
        return answered.computeIfAbsent(idempotencyKey, key -> {
            waitLatency();
            return Outcome.approved("sandbox_re_" + UUID.randomUUID());
        });
    }

    /** Stands in for the network round trip of a real provider. */
    private void waitLatency() {
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while charging", e);
        }
    }
}
