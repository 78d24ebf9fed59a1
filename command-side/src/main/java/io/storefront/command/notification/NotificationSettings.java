package io.storefront.command.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * @param retryDelays the pause before each further attempt, growing; once they are spent a message is parked
 * @param from        the sender of the emails
 */
@ConfigurationProperties("storefront.notifications")
record NotificationSettings(List<Duration> retryDelays, String from) {
}
