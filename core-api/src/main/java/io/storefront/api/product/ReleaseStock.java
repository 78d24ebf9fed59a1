package io.storefront.api.product;

import jakarta.validation.constraints.NotBlank;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Gives an order's reserved units back to the available stock, as when the order is rejected or cancelled. */
public record ReleaseStock(
        @TargetAggregateIdentifier @NotBlank String productId,
        @NotBlank String orderId) {
}
