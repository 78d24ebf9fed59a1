package io.storefront.api.payment;

import jakarta.validation.constraints.NotBlank;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Charges a requested payment through the payment gateway, with the instruction the customer gave
 * for its order. Without an instruction yet it waits; once captured or declined it changes nothing.
 */
public record ChargePayment(@TargetAggregateIdentifier @NotBlank String paymentId) {
}
