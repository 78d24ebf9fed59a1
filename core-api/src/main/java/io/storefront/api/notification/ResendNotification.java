package io.storefront.api.notification;

import jakarta.validation.constraints.NotBlank;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An operator sends a parked message again, from its first attempt. */
public record ResendNotification(@TargetAggregateIdentifier @NotBlank String notificationId) {
}
