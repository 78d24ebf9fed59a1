package io.storefront.api.payment;

import io.storefront.api.shared.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Asks for a captured payment to be given back in full, once; the provider is asked apart from the payment. */
public record RefundPayment(
        @TargetAggregateIdentifier @NotBlank String paymentId,
        @NotBlank @Size(max = 500) @PlainText String reason) {
}
