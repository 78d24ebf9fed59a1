package io.storefront.command.user;

import io.storefront.api.user.VerificationChannel;

/** Delivers a verification code to an email address or phone number. */
public interface VerificationCodeSender {

    void send(Code code);

    /** A code on its way to {@code destination}, to be written in {@code language}. */
    record Code(String userId, VerificationChannel channel, String destination, String language, String code) {

        @Override
        public String toString() {
            return "Code[userId=" + userId + ", channel=" + channel + "]";
        }
    }
}
