package io.storefront.api.order;

import jakarta.validation.constraints.NotBlank;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record MarkOrderDelivered(@TargetAggregateIdentifier @NotBlank String orderId) {
}
