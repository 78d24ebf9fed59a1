package io.storefront.api.user;

import io.storefront.api.notification.Channel;

import java.util.Set;

public record NotificationPreferencesChanged(String userId, String language, Set<Channel> optedOut) {
}
