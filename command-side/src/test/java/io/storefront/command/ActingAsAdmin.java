package io.storefront.command;

import io.storefront.command.auth.AccessTokens;
import org.springframework.boot.resttestclient.autoconfigure.RestTestClientBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpRequestInterceptor;

import java.util.UUID;
import java.util.function.Supplier;

/**
 * Sends every request of the test's client as an administrator, unless the test sets its own
 * Authorization header: the specs of the business rules are not about who may call them.
 */
@TestConfiguration
public class ActingAsAdmin {

    public static final String ADMIN_ID = "admin-" + UUID.randomUUID();

    @Bean
    RestTestClientBuilderCustomizer actingAsAdmin(AccessTokens tokens) {
        return builder -> builder.requestInterceptor(bearerUnlessSet(() -> adminToken(tokens)));
    }

    public static String adminToken(AccessTokens tokens) {
        return tokens.issue(ADMIN_ID, Actor.Role.ADMIN, EmbeddedRedisInitializer.liveSession("test-session"));
    }

    /** Adds a fresh Bearer token to each request that has no Authorization header of its own. */
    public static ClientHttpRequestInterceptor bearerUnlessSet(Supplier<String> token) {
        return (request, body, execution) -> {
            if (!request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
                request.getHeaders().setBearerAuth(token.get());
            }
            return execution.execute(request, body);
        };
    }
}
