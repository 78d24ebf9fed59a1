package io.storefront.api.user;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sends a fresh one-time code to the user's email or phone. */
public record RequestVerification(
        @TargetAggregateIdentifier @NotBlank String userId,
        @NotNull VerificationChannel channel) {
}
