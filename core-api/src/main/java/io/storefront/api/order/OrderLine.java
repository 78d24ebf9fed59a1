package io.storefront.api.order;

import io.storefront.api.shared.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * One product in an order, with the unit price the customer saw when ordering. The order keeps that
 * snapshot: a later price change does not touch orders placed before it. The price comes with the
 * command because the Order context never reads the catalog's prices: contexts do not read each
 * other's data.
 */
public record OrderLine(
        @NotBlank String productId,
        @Min(1) @Max(99) int quantity,
        @NotNull @Valid Money unitPrice) {

    public Money subtotal() {
        return unitPrice.times(quantity);
    }
}
