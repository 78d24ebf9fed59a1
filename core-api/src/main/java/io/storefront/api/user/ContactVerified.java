package io.storefront.api.user;

import java.time.Instant;

public record ContactVerified(String userId, VerificationChannel channel, Instant verifiedAt) {
}
