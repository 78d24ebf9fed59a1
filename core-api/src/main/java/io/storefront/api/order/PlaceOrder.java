package io.storefront.api.order;

import io.storefront.api.shared.Address;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** A customer orders 1 to 50 distinct products, all priced in one currency, to be shipped to an address. */
public record PlaceOrder(
        @TargetAggregateIdentifier @NotBlank String orderId,
        @NotBlank String customerId,
        @NotNull @Size(min = 1, max = 50) List<@NotNull @Valid OrderLine> lines,
        @NotNull @Valid Address shippingAddress) {
}
