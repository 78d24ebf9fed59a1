package io.storefront.api.payment;

import io.storefront.api.shared.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Asks for an order's payment. The id must be {@link PaymentId#forOrder}: one payment per order. */
public record RequestPayment(
        @TargetAggregateIdentifier @NotBlank String paymentId,
        @NotBlank String orderId,
        @NotNull @Valid Money amount,
        @NotNull PaymentMethod method) {
}
