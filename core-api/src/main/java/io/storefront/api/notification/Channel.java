package io.storefront.api.notification;

/** How a message reaches a customer. Each channel has its own queue and sender. */
public enum Channel {
    EMAIL, SMS, PUSH
}
