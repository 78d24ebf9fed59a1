package io.storefront.api.order;

import io.storefront.api.shared.Address;

import java.time.Instant;
import java.util.List;

/**
 * The order's payment is in. It carries what the contexts that react need: the products whose
 * stock is now sold and the address to ship to.
 */
public record OrderPaid(String orderId, String paymentId, List<String> productIds, Address shippingAddress,
                        Instant paidAt) {
}
