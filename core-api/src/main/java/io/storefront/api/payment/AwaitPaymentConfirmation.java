package io.storefront.api.payment;

import io.storefront.api.shared.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The provider took the charge but has not settled it; {@code actionUrl}, if any, is where the customer
 * confirms it with their bank.
 */
public record AwaitPaymentConfirmation(
        @TargetAggregateIdentifier @NotBlank String paymentId,
        @NotBlank @Size(max = 200) @PlainText String gatewayReference,
        @Size(max = 2000) String actionUrl) {
}
