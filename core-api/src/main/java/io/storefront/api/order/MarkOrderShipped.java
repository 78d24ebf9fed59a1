package io.storefront.api.order;

import jakarta.validation.constraints.NotBlank;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record MarkOrderShipped(
        @TargetAggregateIdentifier @NotBlank String orderId,
        @NotBlank String shipmentId) {
}
