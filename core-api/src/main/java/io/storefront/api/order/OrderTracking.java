package io.storefront.api.order;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Where an order is, and the statuses it went through, oldest first. */
public record OrderTracking(String orderId, OrderStatus status, List<Step> timeline) {

    /** The statuses after which nothing happens to an order any more. */
    public static final Set<OrderStatus> FINAL = EnumSet.of(OrderStatus.DELIVERED, OrderStatus.REJECTED, OrderStatus.CANCELLED);

    /** One status, when it was reached, and why where there is a reason. */
    public record Step(OrderStatus status, Instant at, String detail) {
    }
}
