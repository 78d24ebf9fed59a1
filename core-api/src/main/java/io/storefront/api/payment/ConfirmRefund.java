package io.storefront.api.payment;

import jakarta.validation.constraints.NotBlank;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The provider gave the money of a payment being refunded back. */
public record ConfirmRefund(@TargetAggregateIdentifier @NotBlank String paymentId) {
}
