package io.storefront.api.shipment;

import java.time.Instant;

public record ShipmentTracked(String shipmentId, String orderId, TrackingStatus status, Instant occurredAt,
                              String location, String note) {
}
