package io.storefront.api.product;

import io.storefront.api.shared.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Sets a new price, possibly in another currency. Orders placed before keep the price they saw. */
public record ChangeProductPrice(
        @TargetAggregateIdentifier @NotBlank String productId,
        @NotNull @Valid Money price,
        @TargetAggregateVersion Long expectedVersion) {
}
