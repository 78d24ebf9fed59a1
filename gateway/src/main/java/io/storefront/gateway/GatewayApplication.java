package io.storefront.gateway;

import io.lettuce.core.ClientOptions;
import io.storefront.api.secrets.SecretsRefresh;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The one entry point of the platform: routes every API call to an instance of the command side or
 * the query side, checks the caller's access token and session first, and limits each caller's rate.
 * Its configuration is {@code gateway.yml}, so that it can share a JVM with the services.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(SecretsRefresh.class) // with the vault profile, Vault read again now and then
public class GatewayApplication {

    public static final String CONFIG_NAME = "spring.config.name=gateway";

    public static void main(String[] args) {
        application().run(args);
    }

    /**
     * While Redis is away, its commands fail at once instead of waiting for a reconnection: a call with a token
     * is a 503 to retry ({@link GatewayErrors}), and the rate limiter lets calls through without delaying each.
     */
    @Bean
    LettuceClientConfigurationBuilderCustomizer failFastWithoutRedis() {
        return client -> client.clientOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
    }

    /** Reactive even when servlet classes share the classpath, as in the embedded default. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(GatewayApplication.class)
                .properties(CONFIG_NAME)
                .web(WebApplicationType.REACTIVE);
    }
}
