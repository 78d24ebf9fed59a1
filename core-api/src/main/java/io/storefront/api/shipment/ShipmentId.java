package io.storefront.api.shipment;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** An order ships once, so the shipment's id follows from the order's (see {@code PaymentId}). */
public final class ShipmentId {

    private ShipmentId() {
    }

    public static String forOrder(String orderId) {
        return UUID.nameUUIDFromBytes(("shipment:" + orderId).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
