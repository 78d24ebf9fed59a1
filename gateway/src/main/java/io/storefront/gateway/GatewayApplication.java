package io.storefront.gateway;

import io.storefront.api.secrets.SecretsRefresh;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
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

    /** Reactive even when servlet classes share the classpath, as in the embedded default. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(GatewayApplication.class)
                .properties(CONFIG_NAME)
                .web(WebApplicationType.REACTIVE);
    }
}
