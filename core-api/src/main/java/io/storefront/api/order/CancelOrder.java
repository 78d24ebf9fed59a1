package io.storefront.api.order;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Called off by the customer before shipment, or because payment was declined or did not come in time. */
public record CancelOrder(
        @TargetAggregateIdentifier @NotBlank String orderId,
        @NotNull CancellationReason reason) {
}
