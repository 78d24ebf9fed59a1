package io.storefront.api.product;

import io.storefront.api.shared.Money;
import io.storefront.api.shared.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds a product to the catalog, with no stock yet. The SKU is unique across all products. */
public record CreateProduct(
        @TargetAggregateIdentifier @NotBlank String productId,
        @NotNull @Pattern(regexp = Sku.PATTERN, message = Sku.MESSAGE) String sku,
        @NotBlank @Size(max = 200) @PlainText String name,
        @Size(max = 4000) @PlainText(multiline = true) String description,
        @NotBlank @Size(max = 100) @PlainText String category,
        @NotNull @Valid Money price) {
}
