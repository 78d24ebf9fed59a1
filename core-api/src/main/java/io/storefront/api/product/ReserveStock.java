package io.storefront.api.product;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sets units aside for an order, if that many are available. The outcome is recorded either way
 * ({@link StockReserved} or {@link StockReservationRejected}), and the handler answers whether the
 * units were reserved. Reserving again for the same order changes nothing.
 */
public record ReserveStock(
        @TargetAggregateIdentifier @NotBlank String productId,
        @NotBlank String orderId,
        @Min(1) @Max(10_000) int quantity) {
}
