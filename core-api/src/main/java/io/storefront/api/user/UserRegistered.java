package io.storefront.api.user;

import java.time.Instant;

public record UserRegistered(String userId, String name, String email, String phone, Instant registeredAt) {
}
