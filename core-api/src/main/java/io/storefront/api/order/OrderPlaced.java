package io.storefront.api.order;

import io.storefront.api.shared.Address;
import io.storefront.api.shared.Money;

import java.time.Instant;
import java.util.List;

public record OrderPlaced(String orderId, String customerId, List<OrderLine> lines, Address shippingAddress,
                          Money total, Instant placedAt) {
}
