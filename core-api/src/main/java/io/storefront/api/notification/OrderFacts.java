package io.storefront.api.notification;

import io.storefront.api.shared.Money;

import java.util.List;

/**
 * What a message about an order shows: its lines with the products' names, its total, and what the
 * event adds (a reason, an amount refunded, a tracking number); {@code detail} may be null.
 */
public record OrderFacts(String orderId, List<Line> lines, Money total, String detail) {

    public record Line(String productName, int quantity, Money unitPrice) {
    }
}
