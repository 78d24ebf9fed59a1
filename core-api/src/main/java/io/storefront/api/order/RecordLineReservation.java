package io.storefront.api.order;

import jakarta.validation.constraints.NotBlank;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The stock for one line of the order is reserved. When every line is, the order awaits payment. */
public record RecordLineReservation(
        @TargetAggregateIdentifier @NotBlank String orderId,
        @NotBlank String productId) {
}
