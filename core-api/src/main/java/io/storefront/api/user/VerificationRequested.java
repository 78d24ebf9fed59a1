package io.storefront.api.user;

import java.time.Instant;

/** A code went out. The code itself is never part of an event: only its channel and lifetime. */
public record VerificationRequested(String userId, VerificationChannel channel, Instant requestedAt, Instant expiresAt) {
}
