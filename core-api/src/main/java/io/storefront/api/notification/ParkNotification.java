package io.storefront.api.notification;

import jakarta.validation.constraints.NotBlank;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Gives up on a message after its last attempt; it waits on the dead-letter queue for an operator. */
public record ParkNotification(@TargetAggregateIdentifier @NotBlank String notificationId, @NotBlank String reason) {
}
