package io.storefront.api.notification;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * One message to one customer on one channel: what it is about, where it goes ({@code to} is an email
 * address, a phone number or a push topic) and the language it is written in. {@code order} is null
 * for messages about the account.
 */
public record Message(
        @NotBlank String customerId,
        @NotNull Channel channel,
        @NotNull NotificationKind kind,
        @NotBlank String to,
        @NotNull @Pattern(regexp = "en|id") String language,
        @Valid OrderFacts order) {

    @Override
    public String toString() {
        // the customer's address stays out of log lines
        return "Message[customerId=" + customerId + ", channel=" + channel + ", kind=" + kind + "]";
    }
}
