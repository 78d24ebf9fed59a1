package io.storefront.command.auth;

import io.lettuce.core.ClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Says at start, in one plain line, when the Redis that keeps sessions cannot be reached, rather than
 * leaving it to the first login to find out. The platform still starts: what needs no login (the catalog,
 * webhooks) works; a call with a token is a 503, since whether its session is still alive cannot be told.
 */
@Component
class SessionStoreCheck {

    private static final Logger log = LoggerFactory.getLogger(SessionStoreCheck.class);

    private final RedisConnectionFactory redis;

    SessionStoreCheck(RedisConnectionFactory redis) {
        this.redis = redis;
    }

    /**
     * While Redis is away, its commands fail at once, a 503 to retry, instead of waiting for a reconnection
     * until the timeout: logins and calls with a token do not pile up meanwhile.
     */
    @Bean
    static LettuceClientConfigurationBuilderCustomizer failFastWithoutRedis() {
        return client -> client.clientOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
    }

    @EventListener(ApplicationReadyEvent.class)
    void check() {
        try (RedisConnection connection = redis.getConnection()) {
            connection.ping();
        } catch (RuntimeException e) {
            log.error("Redis is unreachable ({}): logins, token refreshes and every call with a token fail until it is back. "
                    + "Check spring.data.redis.url (STOREFRONT_REDIS_URL).", e.getMessage());
        }
    }
}
