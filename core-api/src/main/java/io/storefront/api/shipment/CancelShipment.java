package io.storefront.api.shipment;

import jakarta.validation.constraints.NotBlank;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Calls the parcel off, and its carrier booking with it, as long as the carrier has not taken it:
 * once it is scanned on its way, it is refused.
 */
public record CancelShipment(@TargetAggregateIdentifier @NotBlank String shipmentId) {
}
