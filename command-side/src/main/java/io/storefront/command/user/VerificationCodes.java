package io.storefront.command.user;

import io.storefront.api.user.VerificationChannel;

import java.time.Instant;

/**
 * One-time codes that prove a user owns an email address or phone. Codes live outside the event
 * store, keyed-hashed, and reach the user through a {@link VerificationCodeSender}. Each destination
 * gets a limited number of codes, whichever users ask for them, so that nobody pumps texts to a number
 * by moving it from account to account.
 */
interface VerificationCodes {

    /**
     * Creates a fresh code for the channel, replacing any earlier one, and sends it once committed, in
     * the user's language.
     *
     * @throws io.storefront.command.TooSoon when the destination had a code less than a minute ago, or
     *                                       its day's codes already
     */
    void issue(String userId, VerificationChannel channel, String destination, String language, Instant now);

    boolean matches(String userId, VerificationChannel channel, String code);
}
