package io.storefront.api.shipment;

import java.time.Instant;

/** The parcel will not ship: its carrier booking is called off before the carrier took it. */
public record ShipmentCancelled(String shipmentId, String orderId, Instant cancelledAt) {
}
