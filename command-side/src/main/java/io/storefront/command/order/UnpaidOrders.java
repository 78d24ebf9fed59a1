package io.storefront.command.order;

/**
 * The orders each customer has placed and not paid yet, with their units: their stock is reserved for
 * nobody else until they are paid or closed, so a customer may hold only so much at once.
 */
interface UnpaidOrders {

    /** What the customer holds; nobody else places an order for them until this transaction ends. */
    Holdings lockHoldingsOf(String customerId);

    void hold(String customerId, String orderId, int units);

    record Holdings(int orders, int units) {
    }
}
