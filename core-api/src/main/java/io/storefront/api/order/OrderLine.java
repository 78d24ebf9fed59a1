package io.storefront.api.order;

import io.storefront.api.shared.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * One product in an order, with the unit price the customer saw in the catalog and agrees to pay. It is
 * only their word: the Product context reserves the stock at its own price, and the order is rejected when
 * the two differ, so an order goes on only at the catalog's prices (the Order context never reads the
 * catalog: contexts do not read each other's data). A later price change does not touch the order.
 */
public record OrderLine(
        @NotBlank String productId,
        @Min(1) @Max(99) int quantity,
        @NotNull @Valid Money unitPrice) {

    public Money subtotal() {
        return unitPrice.times(quantity);
    }
}
