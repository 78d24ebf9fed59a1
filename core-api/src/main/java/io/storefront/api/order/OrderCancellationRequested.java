package io.storefront.api.order;

import java.time.Instant;

/**
 * A paid order is to be cancelled, once its parcel is stopped: the order stays paid until the Shipment
 * context calls the parcel off ({@link CompleteCancellation}), and ships as usual if the carrier has it
 * already. No refund and no stock goes back before then.
 */
public record OrderCancellationRequested(String orderId, CancellationReason reason, Instant requestedAt) {
}
