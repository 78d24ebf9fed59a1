package io.storefront.command.auth;

import io.storefront.api.user.RegisterUser;
import io.storefront.command.Actor;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;

/** Accounts of the auth context: registering with a password, logging in, and refreshing a session. */
@Service
class Accounts {

    record Tokens(String accessToken, String tokenType, long expiresIn, String refreshToken, String sessionId) {

        @Override
        public String toString() {
            return "Tokens[sessionId=" + sessionId + "]";
        }
    }

    private final CommandGateway commands;
    private final Credentials credentials;
    private final Sessions sessions;
    private final AccessTokens accessTokens;
    private final LoginThrottle throttle;
    private final BCryptPasswordEncoder passwords;
    private final Clock clock;
    /** Compared against when the email is unknown, so that a login takes as long either way. */
    private final String decoyHash;

    Accounts(CommandGateway commands, Credentials credentials, Sessions sessions, AccessTokens accessTokens,
             LoginThrottle throttle, AuthSettings settings, Clock clock) {
        this.commands = commands;
        this.credentials = credentials;
        this.sessions = sessions;
        this.accessTokens = accessTokens;
        this.throttle = throttle;
        this.passwords = new BCryptPasswordEncoder(settings.bcryptStrength());
        this.clock = clock;
        this.decoyHash = passwords.encode(UUID.randomUUID().toString());
    }

    /**
     * Registers the user in the User context and keeps the password's hash beside it, in one transaction:
     * a taken email leaves neither an event nor a credential behind. The password is hashed first, so that
     * a taken email takes as long to refuse as a free one to register.
     *
     * @throws io.storefront.command.Conflict when the email has an account
     */
    @Transactional
    public String register(String name, String email, String phone, String password, Actor.Role role) {
        String userId = UUID.randomUUID().toString();
        String passwordHash = passwords.encode(password);
        commands.sendAndWait(new RegisterUser(userId, name, email, phone));
        credentials.add(userId, email, passwordHash, role, clock.instant());
        return userId;
    }

    boolean exists(String email) {
        return credentials.forEmail(email).isPresent();
    }

    /** @param address the client's address, as the gateway reports it */
    Tokens login(String email, String password, String address) {
        throttle.check(email, address);
        var credential = credentials.forEmail(email);
        boolean matches = fitsBcrypt(password)
                && passwords.matches(password, credential.map(Credentials.Credential::passwordHash).orElse(decoyHash));
        if (credential.isEmpty() || !matches) {
            throttle.failed(email, address);
            throw new AuthenticationRefused("Wrong email or password");
        }
        throttle.succeeded(email, address);
        return tokensFor(sessions.open(credential.get().userId(), credential.get().role()));
    }

    Tokens refresh(String refreshToken) {
        return tokensFor(sessions.rotate(refreshToken));
    }

    /** bcrypt reads 72 bytes at most; a longer password is refused at registration, and never matches. */
    static boolean fitsBcrypt(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length <= 72;
    }

    private Tokens tokensFor(Sessions.Grant grant) {
        Sessions.Session session = grant.session();
        return new Tokens(accessTokens.issue(session.userId(), session.role(), session.id()), "Bearer",
                accessTokens.lifetimeSeconds(), grant.refreshToken(), session.id());
    }
}
