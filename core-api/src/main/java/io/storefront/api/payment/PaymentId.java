package io.storefront.api.payment;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * An order has at most one payment, so the payment's id follows from the order's: asking twice for
 * the payment of one order reaches the same aggregate instead of creating a second one. The prefix
 * keeps it apart from the ids of other aggregates derived from the same order.
 */
public final class PaymentId {

    private PaymentId() {
    }

    public static String forOrder(String orderId) {
        return UUID.nameUUIDFromBytes(("payment:" + orderId).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
