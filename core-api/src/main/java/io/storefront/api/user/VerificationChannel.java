package io.storefront.api.user;

/** Where a verification code travels to. */
public enum VerificationChannel {
    EMAIL, PHONE
}
