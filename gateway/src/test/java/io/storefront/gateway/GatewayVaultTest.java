package io.storefront.gateway;

import io.storefront.command.EmbeddedRedisInitializer;
import io.storefront.command.EmbeddedVault;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway with the vault profile: the Redis URL, which carries Redis's password, comes from Vault. */
class GatewayVaultTest {

    @Test
    void the_redis_url_in_vault_wins_over_the_local_one() {
        EmbeddedVault vault = EmbeddedVault.vault();
        String redis = "redis://127.0.0.1:" + EmbeddedRedisInitializer.port();
        vault.write("storefront", Map.of("spring.data.redis.url", redis));

        ConfigurableApplicationContext gateway = Platform.closedAtTheEnd(GatewayApplication.application()
                .properties(Map.of("spring.data.redis.url", "redis://127.0.0.1:1"))
                .profiles("vault")
                .run(vault.arguments()));

        assertThat(gateway.getBean(ReactiveRedisConnectionFactory.class).getReactiveConnection().ping().block())
                .isEqualTo("PONG");
    }
}
