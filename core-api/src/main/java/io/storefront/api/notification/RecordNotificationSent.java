package io.storefront.api.notification;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RecordNotificationSent(@TargetAggregateIdentifier @NotBlank String notificationId, @Min(1) int attempt) {
}
