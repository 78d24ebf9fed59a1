package io.storefront.command.auth;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.Base64;

/**
 * How long tokens live and how hard logins are guarded.
 *
 * @param accessTokenLifetime  at most 15 minutes: an access token cannot be called back before it expires
 * @param refreshTokenLifetime a session unused for this long ends
 * @param loginThrottle        how failed logins slow down further attempts (see {@link LoginThrottle})
 * @param registrationNoticeInterval an account's owner is told of attempts to register its email at most once this often
 * @param bcryptStrength       log2 of the bcrypt rounds
 * @param signingKeyEncryptionKey the AES-256 key, base64, that seals the private signing keys in the database
 *                             (from Vault in a deployment; the embedded default makes one per run)
 */
@Validated
@ConfigurationProperties("storefront.auth")
record AuthSettings(@NotNull Duration accessTokenLifetime,
                    @NotNull Duration refreshTokenLifetime,
                    @Valid @NotNull LoginThrottling loginThrottle,
                    @NotNull Duration registrationNoticeInterval,
                    @Min(4) @Max(31) int bcryptStrength,
                    @NotBlank String signingKeyEncryptionKey,
                    Admin admin) {

    /**
     * @param freeFailures         failed logins for one email from one client address before each further one
     *                             makes that pair wait, {@code firstDelay} and then twice as long as the last time
     * @param firstDelay           the first wait of an email and address pair
     * @param maxDelay             the longest wait of a pair
     * @param addressFailures      failed logins from one client address, across emails, within {@code window}
     *                             after which the address waits for the window's end (credential stuffing)
     * @param emailFailures        failed logins for one email from all addresses within {@code window} after which
     *                             the email waits for the window's end, except at addresses it logged in from
     *                             before: set far above what one address can reach alone
     * @param window               how long failures are counted
     * @param knownAddressLifetime how long an address stays known for an email after a login from it
     */
    record LoginThrottling(@Min(1) int freeFailures,
                           @NotNull Duration firstDelay,
                           @NotNull Duration maxDelay,
                           @Min(1) int addressFailures,
                           @Min(1) int emailFailures,
                           @NotNull Duration window,
                           @NotNull Duration knownAddressLifetime) {
    }

    /** The administrator account created at start when it does not exist yet; none when no email is set. */
    record Admin(String email, String password) {
    }

    @AssertTrue(message = "admin.password must have 10 to 72 characters when admin.email is set")
    boolean isAdminComplete() {
        return admin == null || admin.email() == null || admin.email().isBlank()
                || (admin.password() != null && admin.password().length() >= 10 && Accounts.fitsBcrypt(admin.password()));
    }

    @AssertTrue(message = "signing-key-encryption-key must be 32 random bytes in base64 (openssl rand -base64 32)")
    boolean isSigningKeyEncryptionKeyAes256() {
        if (signingKeyEncryptionKey == null || signingKeyEncryptionKey.isBlank()) {
            return true; // reported by @NotBlank
        }
        try {
            return Base64.getDecoder().decode(signingKeyEncryptionKey.strip()).length == 32;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @AssertTrue(message = "must be positive and at most 15 minutes")
    boolean isAccessTokenLifetimeShort() {
        return accessTokenLifetime == null
                || (accessTokenLifetime.isPositive() && accessTokenLifetime.compareTo(Duration.ofMinutes(15)) <= 0);
    }
}
