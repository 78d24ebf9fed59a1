package io.storefront.api.order;

import io.storefront.api.shared.Money;

/** Every line's stock is reserved: the order now waits for its payment. */
public record OrderReadyForPayment(String orderId, String customerId, Money total) {
}
