package io.storefront.api.shipment;

import io.storefront.api.shared.Address;

import java.time.Instant;

/** A shipment starts with its label created. */
public record ShipmentCreated(String shipmentId, String orderId, Address address, String carrier, Instant createdAt) {
}
