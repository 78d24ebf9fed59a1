package io.storefront.command.user;

import io.storefront.api.user.VerificationChannel;

/**
 * One-time codes that prove a user owns an email address or phone. Codes live outside the event
 * store, keyed-hashed, and reach the user through a {@link VerificationCodeSender}.
 */
interface VerificationCodes {

    /**
     * Creates a fresh code for the channel, replacing any earlier one, and sends it once committed, in
     * the user's language.
     */
    void issue(String userId, VerificationChannel channel, String destination, String language);

    boolean matches(String userId, VerificationChannel channel, String code);
}
