package io.storefront.api.order;

import io.storefront.api.shared.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The order cannot be fulfilled, such as when a product is out of stock. Only before payment. */
public record RejectOrder(
        @TargetAggregateIdentifier @NotBlank String orderId,
        @NotBlank @Size(max = 500) @PlainText String reason) {
}
