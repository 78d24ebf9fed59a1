package io.storefront.api.notification;

import java.time.Instant;

public record NotificationParked(String notificationId, String reason, Instant parkedAt) {
}
