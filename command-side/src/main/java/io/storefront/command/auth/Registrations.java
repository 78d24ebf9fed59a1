package io.storefront.command.auth;

import io.storefront.api.user.WarnOfRegistrationAttempt;
import io.storefront.command.Actor;
import io.storefront.command.Conflict;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Service;

import java.util.UUID;

/**
 * Customers registering themselves, without telling anybody which emails have accounts: a taken email
 * gets the answer a free one gets, an id (one that belongs to nobody), after the same password hashing;
 * the account's owner is told by email instead, at most once per {@code registrationNoticeInterval} so
 * that nobody floods an inbox by registering its address again and again.
 */
@Service
class Registrations {

    private static final Logger log = LoggerFactory.getLogger(Registrations.class);

    private final Accounts accounts;
    private final Credentials credentials;
    private final CommandGateway commands;
    private final StringRedisTemplate redis;
    private final AuthSettings settings;

    Registrations(Accounts accounts, Credentials credentials, CommandGateway commands, StringRedisTemplate redis,
                  AuthSettings settings) {
        this.accounts = accounts;
        this.credentials = credentials;
        this.commands = commands;
        this.redis = redis;
        this.settings = settings;
    }

    /** @return the new customer's id, or for a taken email an id that nobody has */
    String register(String name, String email, String phone, String password) {
        try {
            return accounts.register(name, email, phone, password, Actor.Role.CUSTOMER);
        } catch (Conflict taken) {
            warnOwner(email);
            return UUID.randomUUID().toString();
        }
    }

    /** Whatever happens here, the caller's answer stays that of a new registration. */
    private void warnOwner(String email) {
        try {
            credentials.forEmail(email).ifPresent(owner -> {
                String key = "auth:registration-notice:" + Sessions.sha256(Credentials.normalized(email));
                if (Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(key, "1", settings.registrationNoticeInterval()))) {
                    commands.sendAndWait(new WarnOfRegistrationAttempt(owner.userId()));
                }
            });
        } catch (RuntimeException e) {
            log.warn("Could not warn the owner of an account of an attempt to register its email: {}", e.toString());
        }
    }
}
