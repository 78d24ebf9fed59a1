package io.storefront.api.order;

import java.time.Instant;
import java.util.List;

/**
 * The order is called off. {@code wasPaid} tells the payment context to refund; {@code productIds}
 * are all its lines, whose stock is to be released (see {@link OrderRejected}).
 */
public record OrderCancelled(String orderId, CancellationReason reason, boolean wasPaid,
                             List<String> productIds, Instant cancelledAt) {
}
