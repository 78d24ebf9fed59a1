package io.storefront.api.user;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Proves that the user received the code sent to one of their contacts. */
public record ConfirmVerification(
        @TargetAggregateIdentifier @NotBlank String userId,
        @NotNull VerificationChannel channel,
        @NotNull @Pattern(regexp = "[0-9]{6}", message = "must be the 6-digit code") String code) {

    @Override
    public String toString() {
        // the code is a secret: keep it out of logs
        return "ConfirmVerification[userId=" + userId + ", channel=" + channel + "]";
    }
}
