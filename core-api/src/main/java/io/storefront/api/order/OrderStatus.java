package io.storefront.api.order;

/** Where an order is in its life. REJECTED, CANCELLED and DELIVERED are final. */
public enum OrderStatus {
    PLACED, AWAITING_PAYMENT, PAID, SHIPPED, DELIVERED, REJECTED, CANCELLED
}
