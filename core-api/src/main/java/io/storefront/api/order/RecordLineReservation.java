package io.storefront.api.order;

import io.storefront.api.shared.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The stock for one line of the order is reserved, at the catalog's unit price. When every line is, the
 * order awaits payment of the total of those prices.
 */
public record RecordLineReservation(
        @TargetAggregateIdentifier @NotBlank String orderId,
        @NotBlank String productId,
        @NotNull @Valid Money unitPrice) {
}
