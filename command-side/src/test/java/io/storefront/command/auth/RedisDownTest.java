package io.storefront.command.auth;

import io.storefront.command.Actor;
import io.storefront.command.CommandSideApplication;
import io.storefront.command.EmbeddedPostgresInitializer;
import io.storefront.command.LocalSecretsInitializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command side with a Redis that is not there: it starts, says so, and answers logins with 503, and calls
 * with a token too, whose session cannot be told alive (never let through). Its context is closed after this
 * class: kept in the cache, its sandbox would take the charges the other specs start, and their customers
 * would confirm them at the other sandbox's bank.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        CommandSideApplication.CONFIG_NAME, "spring.data.redis.url=redis://127.0.0.1:1",
        "spring.data.redis.connect-timeout=500ms"})
@ContextConfiguration(initializers = {EmbeddedPostgresInitializer.class, LocalSecretsInitializer.class})
@AutoConfigureRestTestClient
@ExtendWith(OutputCaptureExtension.class)
class RedisDownTest {

    @Autowired
    RestTestClient http;

    @Autowired
    AccessTokens tokens;

    @Test
    void a_login_without_redis_is_a_503_problem_and_the_log_says_why(CapturedOutput output) {
        http.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("email", "nobody@example.com", "password", "whatever-password"))
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(output.getAll()).contains("Redis is unreachable");
    }

    @Test
    void a_call_with_a_token_is_a_503_problem_since_its_session_cannot_be_checked() {
        http.get().uri("/api/auth/sessions")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.issue("someone", Actor.Role.CUSTOMER, "a-session"))
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
