package io.storefront.command.user;

/**
 * The set of registered emails: the one fact about all users that a single User cannot check.
 * Claiming happens in the transaction that stores the registration, so two concurrent
 * registrations of one email cannot both succeed.
 */
interface EmailRegistry {

    /** @throws io.storefront.command.Conflict when the email belongs to another user already */
    void claim(String email, String userId);
}
