package io.storefront.api.user;

import jakarta.validation.constraints.NotBlank;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Tells a user that somebody tried to register an account with their email address: registering
 * answers alike whether an email is taken or not, and the owner hears of it instead. Sent by the auth
 * context only.
 */
public record WarnOfRegistrationAttempt(@TargetAggregateIdentifier @NotBlank String userId) {
}
