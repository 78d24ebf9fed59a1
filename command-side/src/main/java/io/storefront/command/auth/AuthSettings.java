package io.storefront.command.auth;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How long tokens live and how hard logins are guarded.
 *
 * @param accessTokenLifetime  at most 15 minutes: an access token cannot be called back before it expires
 * @param refreshTokenLifetime a session unused for this long ends
 * @param loginFailures        failed logins allowed for one email within {@code loginLockout}
 * @param bcryptStrength       log2 of the bcrypt rounds
 */
@Validated
@ConfigurationProperties("storefront.auth")
record AuthSettings(@NotNull Duration accessTokenLifetime,
                    @NotNull Duration refreshTokenLifetime,
                    @Min(1) int loginFailures,
                    @NotNull Duration loginLockout,
                    @Min(4) @Max(31) int bcryptStrength,
                    Admin admin) {

    /** The administrator account created at start when it does not exist yet; none when no email is set. */
    record Admin(String email, String password) {
    }

    @AssertTrue(message = "admin.password must have 10 to 72 characters when admin.email is set")
    boolean isAdminComplete() {
        return admin == null || admin.email() == null || admin.email().isBlank()
                || (admin.password() != null && admin.password().length() >= 10 && Accounts.fitsBcrypt(admin.password()));
    }

    @AssertTrue(message = "must be positive and at most 15 minutes")
    boolean isAccessTokenLifetimeShort() {
        return accessTokenLifetime == null
                || (accessTokenLifetime.isPositive() && accessTokenLifetime.compareTo(Duration.ofMinutes(15)) <= 0);
    }
}
