package io.storefront.command.user;

import io.storefront.api.user.VerificationChannel;

/** Delivers a verification code to an email address or phone number. */
public interface VerificationCodeSender {

    void send(VerificationChannel channel, String destination, String code);
}
