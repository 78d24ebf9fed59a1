package io.storefront.command.shipment;

/**
 * What the Shipment context knows of orders: which are paid. It learns that from the Order context's
 * events, never from its data.
 */
interface PaidOrders {

    boolean isPaid(String orderId);
}
