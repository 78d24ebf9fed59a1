package io.storefront.api.payment;

import io.storefront.api.shared.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The gateway took the money; its reference identifies the charge there. */
public record CapturePayment(
        @TargetAggregateIdentifier @NotBlank String paymentId,
        @NotBlank @Size(max = 200) @PlainText String gatewayReference) {
}
