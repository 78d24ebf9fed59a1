package io.storefront.api.order;

import java.time.Instant;
import java.util.List;

/**
 * The order is called off. {@code wasPaid} tells the payment context to refund;
 * {@code reservedProductIds} are the lines whose stock must be released.
 */
public record OrderCancelled(String orderId, CancellationReason reason, boolean wasPaid,
                             List<String> reservedProductIds, Instant cancelledAt) {
}
