package io.storefront.api.shipment;

import io.storefront.api.shared.Address;
import io.storefront.api.shared.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ships a paid order with a carrier. The id must be {@link ShipmentId#forOrder}: one shipment per order. */
public record CreateShipment(
        @TargetAggregateIdentifier @NotBlank String shipmentId,
        @NotBlank String orderId,
        @NotNull @Valid Address address,
        @NotBlank @Size(max = 100) @PlainText String carrier) {
}
