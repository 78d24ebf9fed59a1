package io.storefront.api.product;

import jakarta.validation.constraints.NotBlank;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Takes a product off sale: no new reservations; those made before may still be released or committed. */
public record DiscontinueProduct(@TargetAggregateIdentifier @NotBlank String productId) {
}
