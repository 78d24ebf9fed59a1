package io.storefront.api.order;

import jakarta.validation.constraints.NotBlank;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Nothing of the order will ship: a paid order whose cancellation was asked for is cancelled now. */
public record CompleteCancellation(@TargetAggregateIdentifier @NotBlank String orderId) {
}
