package io.storefront.api.notification;

import jakarta.validation.constraints.NotBlank;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Asked before each attempt: answers false when the message was sent already, so it is not sent twice. */
public record StartDelivery(@TargetAggregateIdentifier @NotBlank String notificationId) {
}
