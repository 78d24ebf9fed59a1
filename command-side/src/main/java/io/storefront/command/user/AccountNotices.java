package io.storefront.command.user;

/** Tells a user of something done with their account's email address that they may not have done themselves. */
public interface AccountNotices {

    /** Somebody tried to register an account with {@code email}, which is this user's already. */
    void registrationAttempted(String userId, String email, String language);
}
