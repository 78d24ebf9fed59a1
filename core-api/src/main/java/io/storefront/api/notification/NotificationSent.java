package io.storefront.api.notification;

import java.time.Instant;

public record NotificationSent(String notificationId, int attempt, Instant sentAt) {
}
