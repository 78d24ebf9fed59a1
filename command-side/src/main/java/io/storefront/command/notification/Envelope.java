package io.storefront.command.notification;

import io.storefront.api.notification.Message;

/**
 * A message as it travels through the broker: the queued message, and the verification code for the
 * one kind that has one (never stored in the event store, so it rides along here).
 */
record Envelope(String notificationId, Message message, String code) {

    @Override
    public String toString() {
        return "Envelope[notificationId=" + notificationId + ", " + message + "]";
    }
}
