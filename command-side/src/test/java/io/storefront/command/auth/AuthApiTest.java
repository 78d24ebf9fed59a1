package io.storefront.command.auth;

import com.nimbusds.jwt.SignedJWT;
import io.storefront.command.CommandSideTest;
import io.storefront.command.StoredEvents;
import io.storefront.command.notification.DemoOutbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

@CommandSideTest
@ExtendWith(OutputCaptureExtension.class)
class AuthApiTest {

    private static final String PASSWORD = "kopi-luwak-2026";
    private static final String LOCAL = "127.0.0.1";

    @Autowired
    RestTestClient http;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StoredEvents stored;

    @Autowired
    SigningKeys keys;

    @Autowired
    DemoOutbox outbox;

    @Test
    void a_registered_customer_logs_in_and_the_access_token_opens_their_session_list(CapturedOutput output) {
        String email = uniqueEmail();
        String userId = register(email, PASSWORD);
        Map<?, ?> tokens = login(email, PASSWORD);

        assertThat(tokens.get("tokenType")).isEqualTo("Bearer");
        assertThat(((Number) tokens.get("expiresIn")).longValue()).isPositive().isLessThanOrEqualTo(900);
        http.get().uri("/api/auth/sessions").headers(bearer(tokens)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[0].id").isEqualTo(tokens.get("sessionId"))
                .jsonPath("$[0].current").isEqualTo(true);

        String hash = jdbc.sql("SELECT password_hash FROM credential WHERE user_id = ?").param(userId)
                .query(String.class).single();
        assertThat(hash).startsWith("$2").doesNotContain(PASSWORD);
        for (Object secret : List.of(PASSWORD, hash, tokens.get("accessToken"), tokens.get("refreshToken"))) {
            assertThat(stored.containing((String) secret)).isZero();
            assertThat(output.getAll()).doesNotContain((String) secret);
        }
    }

    @Test
    void a_taken_email_answers_like_a_free_one_leaves_no_second_credential_and_tells_the_owner_once() {
        String email = uniqueEmail();
        String userId = register(email, PASSWORD);
        String[] answers = new String[2];
        for (int attempt = 0; attempt < 2; attempt++) {
            answers[attempt] = registration(email, "another-password-1").expectStatus().isCreated()
                    .expectHeader().value(HttpHeaders.LOCATION, location -> assertThat(location).matches(".*/api/users/[0-9a-f-]{36}"))
                    .expectBody(Map.class).returnResult().getResponseBody().keySet().toString();
        }
        assertThat(answers).containsOnly("[id]");
        assertThat(jdbc.sql("SELECT user_id FROM credential WHERE email = ?").param(email).query(String.class).list())
                .containsExactly(userId);
        loginAttempt(email, "another-password-1").expectStatus().isUnauthorized();
        assertThat(outbox.messages(email)).singleElement()
                .satisfies(notice -> assertThat(notice.text()).contains("tried to register with your email address"));
    }

    @Test
    void a_short_password_is_a_400_naming_the_field_and_registers_nobody() {
        String email = uniqueEmail();
        registration(email, "short").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("password");
        assertThat(jdbc.sql("SELECT count(*) FROM credential WHERE email = ?").param(email).query(Long.class).single())
                .isZero();
    }

    @Test
    void refreshing_rotates_the_refresh_token_and_reusing_an_old_one_ends_the_session() {
        String email = uniqueEmail();
        register(email, PASSWORD);
        Map<?, ?> first = login(email, PASSWORD);
        Map<?, ?> second = refresh(first.get("refreshToken")).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(second.get("refreshToken")).isNotEqualTo(first.get("refreshToken"));
        assertThat(second.get("sessionId")).isEqualTo(first.get("sessionId"));

        refresh(first.get("refreshToken")).expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("used before"));
        // the thief's reuse ended the session: the rightful holder's newer token is spent too
        refresh(second.get("refreshToken")).expectStatus().isUnauthorized();
        assertThat(sessionIds(login(email, PASSWORD))).doesNotContain((String) first.get("sessionId"));
    }

    @Test
    void after_logout_the_refresh_token_is_refused() {
        String email = uniqueEmail();
        register(email, PASSWORD);
        Map<?, ?> tokens = login(email, PASSWORD);
        http.post().uri("/api/auth/logout").headers(bearer(tokens)).exchange().expectStatus().isNoContent();
        refresh(tokens.get("refreshToken")).expectStatus().isUnauthorized();
    }

    /** The gateway checks sessions too; this side must not take a logged-out token from a caller who went around it. */
    @Test
    void after_logout_the_access_token_is_refused_here_although_it_has_not_expired() {
        String email = uniqueEmail();
        register(email, PASSWORD);
        Map<?, ?> tokens = login(email, PASSWORD);
        http.post().uri("/api/auth/logout").headers(bearer(tokens)).exchange().expectStatus().isNoContent();

        http.get().uri("/api/auth/sessions").headers(bearer(tokens)).exchange().expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("session"));
    }

    @Test
    void a_customer_ends_one_of_their_sessions_but_cannot_touch_anybody_elses() {
        String email = uniqueEmail();
        register(email, PASSWORD);
        Map<?, ?> laptop = login(email, PASSWORD);
        Map<?, ?> phone = login(email, PASSWORD);
        String other = uniqueEmail();
        register(other, PASSWORD);
        Map<?, ?> stranger = login(other, PASSWORD);

        http.delete().uri("/api/auth/sessions/{id}", phone.get("sessionId")).headers(bearer(stranger)).exchange()
                .expectStatus().isNotFound();
        http.delete().uri("/api/auth/sessions/{id}", phone.get("sessionId")).headers(bearer(laptop)).exchange()
                .expectStatus().isNoContent();
        assertThat(sessionIds(laptop)).containsExactly((String) laptop.get("sessionId"));
        refresh(phone.get("refreshToken")).expectStatus().isUnauthorized();
        http.get().uri("/api/auth/sessions").headers(bearer(phone)).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void a_guesser_waits_longer_after_every_failure_past_three_even_with_the_right_password_then() throws Exception {
        String email = uniqueEmail();
        register(email, PASSWORD);
        String guesser = "203.0.113.7";
        for (int attempt = 0; attempt < 3; attempt++) {
            loginAttempt(email, "wrong-password-" + attempt, guesser).expectStatus().isUnauthorized();
        }
        List<Long> waits = new ArrayList<>();
        for (int attempt = 3; attempt < 6; attempt++) {
            long wait = retryAfter(loginAttempt(email, PASSWORD, guesser));
            waits.add(wait);
            Thread.sleep(Duration.ofSeconds(wait).plusMillis(100));
            loginAttempt(email, "wrong-password-" + attempt, guesser).expectStatus().isUnauthorized();
        }
        assertThat(waits).containsExactly(1L, 2L, 4L);
    }

    @Test
    void failures_from_one_address_do_not_hold_back_the_owner_at_another() {
        String email = uniqueEmail();
        register(email, PASSWORD);
        for (int attempt = 0; attempt < 10; attempt++) {
            loginAttempt(email, "wrong-password-" + attempt, "203.0.113.8").expectStatus().value(status ->
                    assertThat(status).isIn(401, 429));
        }
        loginAttempt(email, PASSWORD, "203.0.113.8").expectStatus().isEqualTo(429);
        loginAttempt(email, PASSWORD, "198.51.100.20").expectStatus().isOk();
    }

    @Test
    void an_address_trying_many_accounts_is_stopped_for_all_of_them() {
        String stuffer = "203.0.113.9";
        for (int account = 0; account < 10; account++) {
            for (int attempt = 0; attempt < 3; attempt++) {
                loginAttempt(uniqueEmail(), PASSWORD, stuffer).expectStatus().isUnauthorized();
            }
        }
        String email = uniqueEmail();
        register(email, PASSWORD);
        retryAfter(loginAttempt(email, PASSWORD, stuffer));
        loginAttempt(email, PASSWORD, "198.51.100.21").expectStatus().isOk();
    }

    @Test
    void many_addresses_guessing_one_account_stop_new_addresses_but_not_the_one_the_owner_logged_in_from() {
        String email = uniqueEmail();
        register(email, PASSWORD);
        String owner = "198.51.100.22";
        login(email, PASSWORD, owner);
        for (int failure = 0; failure < 200; failure++) {
            loginAttempt(email, "wrong-password", "10.1." + failure / 3 + ".1").expectStatus().isUnauthorized();
        }
        retryAfter(loginAttempt(email, PASSWORD, "198.51.100.23"));
        login(email, PASSWORD, owner);
    }

    /** Asserts a throttled login, a 429 problem, and gives its Retry-After in seconds. */
    private static long retryAfter(RestTestClient.ResponseSpec attempt) {
        String seconds = attempt.expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .returnResult().getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER);
        assertThat(seconds).isNotNull();
        assertThat(Long.parseLong(seconds)).isPositive();
        return Long.parseLong(seconds);
    }

    @Test
    void an_unknown_email_and_a_wrong_password_get_the_same_answer() {
        String email = uniqueEmail();
        register(email, PASSWORD);
        String wrongPassword = loginAttempt(email, "not-the-password").expectStatus().isUnauthorized()
                .expectBody(String.class).returnResult().getResponseBody();
        String unknownEmail = loginAttempt(uniqueEmail(), PASSWORD).expectStatus().isUnauthorized()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(unknownEmail).isEqualTo(wrongPassword);
    }

    @Test
    void after_a_key_rotation_tokens_of_the_old_key_stay_valid_and_new_ones_use_the_new_key() {
        String email = uniqueEmail();
        register(email, PASSWORD);
        Map<?, ?> before = login(email, PASSWORD);
        String newKid = (String) http.post().uri("/api/auth/signing-keys").exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("kid");
        Map<?, ?> after = login(email, PASSWORD);

        assertThat(kidOf(after)).isEqualTo(newKid).isNotEqualTo(kidOf(before));
        http.get().uri("/api/auth/sessions").headers(bearer(before)).exchange().expectStatus().isOk();
        http.get().uri("/.well-known/jwks.json").exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.keys[*].kid").value(kids -> assertThat((List<Object>) kids).contains(kidOf(before), newKid))
                .jsonPath("$.keys[*].d").doesNotExist();
    }

    @Test
    void forged_expired_and_tampered_tokens_are_refused_with_401() throws Exception {
        var valid = ForgedTokens.claims("someone", "ADMIN", Instant.now().plusSeconds(600)).build();
        String email = uniqueEmail();
        register(email, PASSWORD);

        List<String> attacks = List.of(
                ForgedTokens.unsigned(valid),
                ForgedTokens.hmacWithThePublicKey(keys.current().toPublicJWK(), valid),
                ForgedTokens.signedWithAnUnknownKey(valid),
                ForgedTokens.signedWith(keys.current(), ForgedTokens.claims("someone", "ADMIN", Instant.now().minusSeconds(120)).build()),
                ForgedTokens.signedWith(keys.current(), ForgedTokens.claims("someone", "ADMIN", Instant.now().plusSeconds(600))
                        .issuer("somebody-else").build()),
                ForgedTokens.tampered((String) login(email, PASSWORD).get("accessToken")));
        for (String token : attacks) {
            http.post().uri("/api/auth/signing-keys").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        // the control: the same claims, properly signed, are accepted
        http.get().uri("/api/auth/sessions").header(HttpHeaders.AUTHORIZATION, "Bearer " + ForgedTokens.signedWith(keys.current(), valid))
                .exchange().expectStatus().isOk();
    }

    private String register(String email, String password) {
        return (String) registration(email, password).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");
    }

    private RestTestClient.ResponseSpec registration(String email, String password) {
        return http.post().uri("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "Dewi Lestari", "email", email, "password", password))
                .exchange();
    }

    private Map<?, ?> login(String email, String password) {
        return login(email, password, LOCAL);
    }

    private Map<?, ?> login(String email, String password, String address) {
        return loginAttempt(email, password, address).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    private RestTestClient.ResponseSpec loginAttempt(String email, String password) {
        return loginAttempt(email, password, LOCAL);
    }

    /** A login from the client address the gateway reports (the test's own requests come from loopback, like the gateway's). */
    private RestTestClient.ResponseSpec loginAttempt(String email, String password, String address) {
        return http.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .header("X-Forwarded-For", address)
                .body(Map.of("email", email, "password", password)).exchange();
    }

    private RestTestClient.ResponseSpec refresh(Object refreshToken) {
        return http.post().uri("/api/auth/refresh").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("refreshToken", refreshToken)).exchange();
    }

    private List<String> sessionIds(Map<?, ?> tokens) {
        return http.get().uri("/api/auth/sessions").headers(bearer(tokens)).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() { })
                .returnResult().getResponseBody().stream().map(session -> (String) session.get("id")).toList();
    }

    private static Consumer<HttpHeaders> bearer(Map<?, ?> tokens) {
        return headers -> headers.setBearerAuth((String) tokens.get("accessToken"));
    }

    private static String kidOf(Map<?, ?> tokens) {
        try {
            return SignedJWT.parse((String) tokens.get("accessToken")).getHeader().getKeyID();
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }

    private static String uniqueEmail() {
        return "dewi-" + UUID.randomUUID() + "@example.com";
    }
}
