package io.storefront.api.notification;

import java.time.Instant;

/** An operator sent a parked message again; it carries the message, so that it can be queued anew. */
public record NotificationResent(String notificationId, Message message, Instant resentAt) {
}
