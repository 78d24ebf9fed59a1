package io.storefront.api.notification;

import java.time.Instant;

public record NotificationDeliveryFailed(String notificationId, int attempt, String reason, Instant failedAt) {
}
