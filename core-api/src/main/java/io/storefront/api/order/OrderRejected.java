package io.storefront.api.order;

import java.time.Instant;
import java.util.List;

/**
 * The order could not be fulfilled. {@code productIds} are all its lines: the stock of those reserved
 * must be released. All of them, not only those the order knows as reserved, since a reservation may
 * still be on its way when the order is rejected; releasing what was never reserved changes nothing.
 */
public record OrderRejected(String orderId, String reason, List<String> productIds, Instant rejectedAt) {
}
