package io.storefront.api.notification;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Queues a message. Its id is derived from what caused it, so that asking twice for the same message
 * queues it once.
 */
public record QueueNotification(
        @TargetAggregateIdentifier @NotBlank String notificationId,
        @NotNull @Valid Message message) {
}
