package io.storefront.api.payment;

import jakarta.validation.constraints.NotBlank;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Starts the charge of a requested payment through the shop's provider, with the instruction the
 * customer gave for its order: the payment records that its charge started, and the provider is called
 * apart from it. Without an instruction yet it waits; once started it changes nothing.
 */
public record ChargePayment(@TargetAggregateIdentifier @NotBlank String paymentId) {
}
