package io.storefront.api.user;

public record UserProfileUpdated(String userId, String name, String phone) {
}
