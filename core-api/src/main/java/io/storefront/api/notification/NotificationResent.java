package io.storefront.api.notification;

import java.time.Instant;

public record NotificationResent(String notificationId, Instant resentAt) {
}
