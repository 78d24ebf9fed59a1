package io.storefront.api.product;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds units that arrived at the warehouse to the available stock. */
public record ReceiveStock(
        @TargetAggregateIdentifier @NotBlank String productId,
        @Min(1) @Max(1_000_000) int quantity) {
}
