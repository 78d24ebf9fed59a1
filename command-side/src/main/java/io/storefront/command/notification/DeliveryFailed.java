package io.storefront.command.notification;

/**
 * A provider did not take a message. {@code permanent}: it never will (an address it rejects), so the
 * message is parked at once instead of tried again. The reason never contains the message or address.
 */
class DeliveryFailed extends Exception {

    private final boolean permanent;

    DeliveryFailed(String reason, boolean permanent) {
        super(reason);
        this.permanent = permanent;
    }

    DeliveryFailed(String reason, boolean permanent, Throwable cause) {
        super(reason, cause);
        this.permanent = permanent;
    }

    boolean isPermanent() {
        return permanent;
    }
}
