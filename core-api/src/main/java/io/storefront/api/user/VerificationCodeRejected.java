package io.storefront.api.user;

public record VerificationCodeRejected(String userId, VerificationChannel channel, int failedAttempts) {
}
