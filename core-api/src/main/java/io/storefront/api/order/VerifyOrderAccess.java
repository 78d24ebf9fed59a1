package io.storefront.api.order;

import jakarta.validation.constraints.NotBlank;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks the order whether the sender may act on it, before something kept beside the order (such as
 * its payment instruction) changes. Refused as if the order did not exist; changes nothing.
 */
public record VerifyOrderAccess(@TargetAggregateIdentifier @NotBlank String orderId) {
}
