package io.storefront.api.notification;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** One attempt failed; {@code reason} is the provider's, without the message or its address. */
public record RecordDeliveryFailure(@TargetAggregateIdentifier @NotBlank String notificationId, @Min(1) int attempt,
                                    @NotBlank String reason) {
}
