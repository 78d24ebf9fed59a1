package io.storefront.api.order;

/** Asks where an order is and every status it went through; as a subscription, each new status too. */
public record TrackOrder(String orderId) {
}
