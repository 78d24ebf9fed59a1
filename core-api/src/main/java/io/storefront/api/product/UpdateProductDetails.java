package io.storefront.api.product;

import io.storefront.api.shared.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Changes how a product is described. With an expected version, refused if somebody changed it since. */
public record UpdateProductDetails(
        @TargetAggregateIdentifier @NotBlank String productId,
        @NotBlank @Size(max = 200) @PlainText String name,
        @Size(max = 4000) @PlainText(multiline = true) String description,
        @NotBlank @Size(max = 100) @PlainText String category,
        @TargetAggregateVersion Long expectedVersion) {
}
