package io.storefront.api.notification;

/** What a message tells the customer; each kind has its wording per channel and language. */
public enum NotificationKind {
    VERIFICATION_CODE,
    /** Somebody tried to register an account with the address of an existing one. */
    ACCOUNT_EXISTS,
    ORDER_PLACED,
    ORDER_PAID,
    ORDER_REJECTED,
    ORDER_CANCELLED,
    ORDER_REFUNDED,
    PAYMENT_DECLINED,
    ORDER_SHIPPED,
    OUT_FOR_DELIVERY,
    ORDER_DELIVERED;

    /** Messages about an order carry the order's facts; the others are about the account. */
    public boolean isAboutAnOrder() {
        return this != VERIFICATION_CODE && this != ACCOUNT_EXISTS;
    }

    /** Security messages go out whatever the customer opted out of. */
    public boolean isSecurity() {
        return this == VERIFICATION_CODE;
    }
}
