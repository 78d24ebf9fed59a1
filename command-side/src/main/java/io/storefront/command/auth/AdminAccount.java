package io.storefront.command.auth;

import io.storefront.command.Actor;
import io.storefront.command.Conflict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Creates the configured administrator at start, once: a shop needs somebody to run its catalog. */
@Component
class AdminAccount implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminAccount.class);

    private final Accounts accounts;
    private final AuthSettings settings;

    AdminAccount(Accounts accounts, AuthSettings settings) {
        this.accounts = accounts;
        this.settings = settings;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        AuthSettings.Admin admin = settings.admin();
        if (admin == null || admin.email() == null || admin.email().isBlank() || accounts.exists(admin.email())) {
            return;
        }
        try {
            String userId = accounts.register("Administrator", admin.email(), null, admin.password(), Actor.Role.ADMIN);
            // ids only in the logs, never an email
            log.info("Created the administrator account {}", userId);
        } catch (Conflict e) {
            log.info("The configured administrator account exists already");
        }
    }
}
