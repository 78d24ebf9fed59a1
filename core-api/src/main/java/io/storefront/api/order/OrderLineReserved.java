package io.storefront.api.order;

import io.storefront.api.shared.Money;

/**
 * One line's stock is reserved at the catalog's unit price. Events stored before prices came with
 * reservations have no {@code unitPrice}: those lines kept the price they were placed with.
 */
public record OrderLineReserved(String orderId, String productId, Money unitPrice) {
}
