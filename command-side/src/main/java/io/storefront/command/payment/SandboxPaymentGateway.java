package io.storefront.command.payment;

import io.storefront.api.shared.Money;
import io.storefront.command.BusinessRuleViolation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A built-in provider for the embedded default and the tests. Like the real providers' test modes it
 * decides by test card number: {@code 4000 0000 0000 0002} is declined, {@code 4000 0000 0000 9995}
 * has insufficient funds, {@code 4000 0027 6000 3184} must be confirmed by its customer at the sandbox
 * bank (3-D Secure, see {@link SandboxBank}), any other valid number is approved. It answers after a
 * configurable latency and, like a real provider, answers a repeated idempotency key with its first
 * answer. Its tokens are signed (HMAC-SHA256, with a key made when it starts) and only a token it signed
 * is taken back, as a real provider takes only the tokens its own form made: a made-up
 * {@code sandbox_ok_<uuid>} charges no card. The provider of the embedded default
 * ({@code storefront.payment.provider=sandbox}).
 */
@Component
@ConditionalOnProperty(name = "storefront.payment.provider", havingValue = "sandbox", matchIfMissing = true)
class SandboxPaymentGateway implements PaymentGateway {

    private static final String AUTHENTICATION = "authentication";
    private static final Map<String, String> CARD_OUTCOMES = Map.of(
            "4000000000000002", "card_declined",
            "4000000000009995", "insufficient_funds",
            "4000002760003184", AUTHENTICATION);
    private static final String PREFIX = "sandbox_";
    private static final String SIGNATURE = "HmacSHA256";
    /** Where the customer confirms a charge with their (sandbox) bank; the code makes the address unguessable. */
    static final String CONFIRMATION_PATH = "/api/payments/sandbox/3ds/";

    /** A charge waiting for its customer at the sandbox bank. */
    record Confirmation(String paymentId, String reference) {
    }

    private final Map<String, Confirmation> awaiting = new ConcurrentHashMap<>();
    private final SecretKeySpec signingKey;

    private final Duration latency;
    private final Map<String, Outcome> answered = new ConcurrentHashMap<>();

    SandboxPaymentGateway(@Value("${storefront.payment.sandbox.latency:0ms}") Duration latency) {
        this.latency = latency;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.signingKey = new SecretKeySpec(key, SIGNATURE);
    }

    @Override
    public CardToken tokenize(String cardNumber) {
        String outcome = CARD_OUTCOMES.getOrDefault(cardNumber, "ok");
        return new CardToken(signed(PREFIX + outcome + "_" + UUID.randomUUID()), cardNumber.substring(cardNumber.length() - 4));
    }

    /** A token this sandbox made before, as a payment form in the browser would have: its signature must be the sandbox's. */
    @Override
    public CardToken token(String providerToken) {
        int signature = providerToken.lastIndexOf('.');
        if (signature < 0 || !MessageDigest.isEqual(signed(providerToken.substring(0, signature)).getBytes(StandardCharsets.UTF_8),
                providerToken.getBytes(StandardCharsets.UTF_8))) {
            throw new BusinessRuleViolation("The sandbox made no such token");
        }
        return new CardToken(providerToken, null);
    }

    /** The token with its signature after a dot; hex, so that the outcome stays the text between the prefix and the last '_'. */
    private String signed(String token) {
        try {
            Mac mac = Mac.getInstance(SIGNATURE);
            mac.init(signingKey);
            return token + "." + HexFormat.of().formatHex(mac.doFinal(token.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    @Override
    public Outcome charge(String idempotencyKey, String paymentId, String token, Money amount) {
        return answered.computeIfAbsent(idempotencyKey, key -> {
            waitLatency();
            String outcome = token.substring(PREFIX.length(), token.lastIndexOf('_'));
            return switch (outcome) {
                case "ok" -> Outcome.approved("sandbox_ch_" + UUID.randomUUID());
                case AUTHENTICATION -> {
                    String code = UUID.randomUUID().toString();
                    String reference = "sandbox_ch_" + UUID.randomUUID();
                    awaiting.put(code, new Confirmation(paymentId, reference));
                    yield Outcome.pending(reference, CONFIRMATION_PATH + code);
                }
                default -> Outcome.declined(outcome);
            };
        });
    }

    /** The charge waiting at this confirmation code, taken off the list: each is confirmed at most once. */
    Optional<Confirmation> confirmation(String code) {
        return Optional.ofNullable(awaiting.remove(code));
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
