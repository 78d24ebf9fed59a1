package io.storefront.command;

import io.storefront.api.logging.CorrelationIdFilter;
import io.storefront.api.logging.MessageLogContext;
import io.storefront.api.secrets.SecretsRefresh;
import io.storefront.api.store.ProcessorGauges;
import io.storefront.api.store.SegmentSharing;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The write side of every context: aggregates, the event store and the command REST API. Its
 * configuration is {@code command-side.yml}, so that it can share a JVM with the query side.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
// where each processor stands, for Prometheus; the correlation id and acting user of every log line;
// with the vault profile, Vault read again now and then
@Import({ProcessorGauges.class, SegmentSharing.class, CorrelationIdFilter.class, MessageLogContext.class, SecretsRefresh.class})
public class CommandSideApplication {

    public static final String CONFIG_NAME = "spring.config.name=command-side";

    public static void main(String[] args) {
        new SpringApplicationBuilder(CommandSideApplication.class).properties(CONFIG_NAME).run(args);
    }
}
