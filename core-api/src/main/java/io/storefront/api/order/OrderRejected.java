package io.storefront.api.order;

import java.time.Instant;
import java.util.List;

/** The order could not be fulfilled; {@code reservedProductIds} are the lines whose stock must be released. */
public record OrderRejected(String orderId, String reason, List<String> reservedProductIds, Instant rejectedAt) {
}
