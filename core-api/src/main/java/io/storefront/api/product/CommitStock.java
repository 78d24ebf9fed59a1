package io.storefront.api.product;

import jakarta.validation.constraints.NotBlank;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Turns an order's reservation into a sale: the units leave the stock for good. */
public record CommitStock(
        @TargetAggregateIdentifier @NotBlank String productId,
        @NotBlank String orderId) {
}
