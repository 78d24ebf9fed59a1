package io.storefront.api.payment;

import io.storefront.api.shared.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeclinePayment(
        @TargetAggregateIdentifier @NotBlank String paymentId,
        @NotBlank @Size(max = 500) @PlainText String reason) {
}
