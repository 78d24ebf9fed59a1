package io.storefront.api.order;

import jakarta.validation.constraints.NotBlank;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record MarkOrderPaid(
        @TargetAggregateIdentifier @NotBlank String orderId,
        @NotBlank String paymentId) {
}
