package io.storefront.api.user;

import io.storefront.api.notification.Channel;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Set;

/**
 * The language a customer's messages are written in, and the channels they want none on (verification
 * codes come whatever they choose).
 */
public record ChangeNotificationPreferences(
        @TargetAggregateIdentifier @NotBlank String userId,
        @NotNull @Pattern(regexp = "en|id", message = "must be en or id") String language,
        @NotNull Set<@NotNull Channel> optedOut) {
}
