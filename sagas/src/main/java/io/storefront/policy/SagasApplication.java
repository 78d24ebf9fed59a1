package io.storefront.policy;

import io.storefront.api.logging.CorrelationIdFilter;
import io.storefront.api.logging.MessageLogContext;
import io.storefront.api.secrets.SecretsRefresh;
import io.storefront.api.store.ProcessorGauges;
import io.storefront.api.store.SegmentSharing;
import io.storefront.command.AxonConfiguration;
import io.storefront.command.CommandSideApplication;
import io.storefront.command.EventStoreConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The checkout's policies as their own process (port 8083). With Axon Server (profile
 * {@code axonserver}) it runs them alone: their events come from Axon Server and their commands go
 * through it to the command side's instances. With the PostgreSQL event store a command can only be
 * handled in the process that sends it, so there this app runs the command side with the policies
 * (DESIGN.md §4). It reads the command side's configuration, then {@code sagas.yml} over it.
 */
@SpringBootApplication
@Import({AxonConfiguration.class, EventStoreConfiguration.class, ProcessorGauges.class, SegmentSharing.class, CorrelationIdFilter.class,
        MessageLogContext.class, SecretsRefresh.class})
public class SagasApplication {

    public static final String CONFIG_NAME = "spring.config.name=command-side,sagas";

    public static void main(String[] args) {
        new SpringApplicationBuilder(SagasApplication.class).properties(CONFIG_NAME).run(args);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    @Import(CommandSideApplication.class)
    static class WithTheCommandSide {
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "true")
    static class Alone {

        /** No API of its own: only the actuator answers (on its management port), for health checks and Prometheus. */
        @Bean
        SecurityFilterChain actuatorOnly(HttpSecurity http) {
            return http.authorizeHttpRequests(requests -> requests
                            .requestMatchers("/actuator/health/**", "/actuator/prometheus", "/readyz", "/livez").permitAll()
                            .anyRequest().denyAll())
                    .build();
        }
    }
}
