package io.storefront.command.auth;

import io.storefront.api.auth.AccessTokenFormat;
import io.storefront.api.shared.PlainText;
import io.storefront.command.web.Created;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The auth context over HTTP: accounts, logins, sessions, and the keys that check access tokens. */
@RestController
class AuthController {

    record Registration(String name, String email, String phone,
                        @NotBlank @Size(min = 10, message = "must have at least 10 characters") String password) {

        @AssertTrue(message = "must be at most 72 bytes long")
        boolean isPasswordShortEnough() {
            return password == null || Accounts.fitsBcrypt(password);
        }

        @Override
        public String toString() {
            return "Registration[email=" + email + "]";
        }
    }

    record Login(@NotBlank @PlainText String email, @NotBlank @Size(max = 1000) String password) {

        @Override
        public String toString() {
            return "Login[email=" + email + "]";
        }
    }

    record Refresh(@NotBlank @Size(max = 200) String refreshToken) {

        @Override
        public String toString() {
            return "Refresh[****]";
        }
    }

    record SessionView(String id, Instant createdAt, Instant refreshedAt, boolean current) {
    }

    private final Accounts accounts;
    private final Registrations registrations;
    private final Sessions sessions;
    private final SigningKeys keys;

    AuthController(Accounts accounts, Registrations registrations, Sessions sessions, SigningKeys keys) {
        this.accounts = accounts;
        this.registrations = registrations;
        this.sessions = sessions;
        this.keys = keys;
    }

    /**
     * A customer account: the User context's user plus a password. 201 with the user's Location, also for
     * an email that has an account already (whose owner is told by email): the id then belongs to nobody.
     * A client learns its own id for sure from its access token's subject.
     */
    @PostMapping("/api/auth/register")
    ResponseEntity<Created> register(@Valid @RequestBody Registration body) {
        String userId = registrations.register(body.name(), body.email(), body.phone(), body.password());
        var location = ServletUriComponentsBuilder.fromCurrentContextPath().path("/api/users/{id}").buildAndExpand(userId);
        return ResponseEntity.created(location.toUri()).body(new Created(userId));
    }

    /** The client's address is the connection's, or the one the gateway in front reports (see server.forward-headers-strategy). */
    @PostMapping("/api/auth/login")
    Accounts.Tokens login(@Valid @RequestBody Login body, HttpServletRequest request) {
        return accounts.login(body.email(), body.password(), request.getRemoteAddr());
    }

    /** A new access token and a new refresh token for the last refresh token; the old one is spent. */
    @PostMapping("/api/auth/refresh")
    Accounts.Tokens refresh(@Valid @RequestBody Refresh body) {
        return accounts.refresh(body.refreshToken());
    }

    /** Ends the session of the access token; its tokens are refused from now on. */
    @PostMapping("/api/auth/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(@AuthenticationPrincipal Jwt token) {
        sessions.end(token.getSubject(), token.getClaimAsString(AccessTokenFormat.SESSION));
    }

    @GetMapping("/api/auth/sessions")
    List<SessionView> sessions(@AuthenticationPrincipal Jwt token) {
        String current = token.getClaimAsString(AccessTokenFormat.SESSION);
        return sessions.of(token.getSubject()).stream()
                .map(session -> new SessionView(session.id(), session.createdAt(), session.refreshedAt(),
                        session.id().equals(current)))
                .toList();
    }

    @DeleteMapping("/api/auth/sessions/{sessionId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@AuthenticationPrincipal Jwt token, @PathVariable String sessionId) {
        sessions.end(token.getSubject(), sessionId);
    }

    /** The public keys that check access tokens: the current signing key and those still in use. */
    @GetMapping(AccessTokenFormat.JWKS_PATH)
    Map<String, Object> jwks() {
        return keys.published().toJSONObject(true);
    }

    /** Starts signing with a new key; tokens signed with the previous one stay valid until they expire. */
    @PostMapping("/api/auth/signing-keys")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> rotate() {
        return Map.of("kid", keys.rotate());
    }
}
