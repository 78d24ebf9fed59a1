package io.storefront.api.notification;

import java.time.Instant;

public record NotificationQueued(String notificationId, Message message, Instant queuedAt) {
}
