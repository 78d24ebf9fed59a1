package io.storefront.command.payment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Which provider takes the shop's payments, and how it is called.
 *
 * @param provider      {@code sandbox} (the embedded default), {@code stripe}, {@code paypal}, {@code xendit} or {@code midtrans}
 * @param timeout       how long one call to the provider may take
 * @param retry         how often a provider that cannot be reached or fails on its side is asked again
 * @param breaker       when the provider counts as down, and is not called for a while
 * @param parallelCalls how many payments are charged or refunded at once (the segments of {@link ChargesAndRefunds}):
 *                      a provider that hangs delays only the payments that share a segment with the one it hangs on
 */
@Validated
@ConfigurationProperties("storefront.payment")
record PaymentSettings(@NotNull @Pattern(regexp = "sandbox|stripe|paypal|xendit|midtrans") String provider,
                       @NotNull Duration timeout,
                       @Valid @NotNull Retry retry,
                       @Valid @NotNull Breaker breaker,
                       @Min(1) int parallelCalls,
                       Stripe stripe,
                       PayPal paypal,
                       Xendit xendit,
                       Midtrans midtrans) {

    static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    /** Attempts in all, and the first pause between two; each later pause is twice the one before. */
    record Retry(@Min(1) int attempts, @NotNull Duration firstPause) {
    }

    /**
     * The provider counts as down once {@code failureRate} percent of its last {@code window} calls failed
     * (timed out, unreachable, or failed on its side; a declined card is an answer, not a failure). It is
     * then not called for {@code openFor}: its calls end at once as if it could not be reached. After
     * that a few calls try it again.
     */
    record Breaker(@Min(1) @Max(100) int failureRate, @Min(1) int window, @NotNull Duration openFor) {
    }

    /** The secret API key, Stripe's address, and the signing secret of the shop's webhook endpoint. */
    record Stripe(String apiKey, String apiBase, String webhookSecret) {

        @Override
        public String toString() {
            return "Stripe[apiBase=" + apiBase + "]";
        }
    }

    /** The REST app's client credentials, the id of the shop's webhook at PayPal, and PayPal's address. */
    record PayPal(String clientId, String clientSecret, String webhookId, String apiBase) {

        @Override
        public String toString() {
            return "PayPal[clientId=" + clientId + ", apiBase=" + apiBase + "]";
        }
    }

    /** The secret API key, the callback verification token, and Xendit's address. */
    record Xendit(String secretKey, String callbackToken, String apiBase) {

        @Override
        public String toString() {
            return "Xendit[apiBase=" + apiBase + "]";
        }
    }

    /** The merchant's server key (it also signs Midtrans' notifications) and the Core API's address. */
    record Midtrans(String serverKey, String apiBase) {

        @Override
        public String toString() {
            return "Midtrans[apiBase=" + apiBase + "]";
        }
    }
}
