package io.storefront.api.payment;

import io.storefront.api.shared.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The provider did not give the money of a payment being refunded back, for {@code reason}. */
public record RefuseRefund(
        @TargetAggregateIdentifier @NotBlank String paymentId,
        @NotBlank @Size(max = 500) @PlainText String reason) {
}
