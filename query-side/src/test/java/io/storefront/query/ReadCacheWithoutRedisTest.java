package io.storefront.query;

import org.junit.jupiter.api.Test;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** With no Redis to answer, the cache steps aside: every read is the view's, and forgetting fails nobody. */
class ReadCacheWithoutRedisTest {

    @Test
    void reads_come_from_the_view_and_projections_carry_on() throws IOException {
        LettuceConnectionFactory nowhere = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", closedPort()),
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofMillis(250)).build());
        nowhere.afterPropertiesSet();
        nowhere.start();
        ReadCache cache = new ReadCache(RedisCacheManager.create(nowhere));
        AtomicInteger viewReads = new AtomicInteger();

        for (int read = 0; read < 2; read++) {
            assertThat(cache.read("payments", "p-1", String.class, () -> {
                viewReads.incrementAndGet();
                return Optional.of("CAPTURED");
            }, value -> true)).contains("CAPTURED");
        }
        assertThat(viewReads).hasValue(2);
        assertThatCode(() -> cache.forget("payments", "p-1")).doesNotThrowAnyException();
        assertThatCode(() -> cache.forgetAll("payments")).doesNotThrowAnyException();
        nowhere.destroy();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
