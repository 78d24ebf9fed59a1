package io.storefront.query;

import io.storefront.api.logging.CorrelationIdFilter;
import io.storefront.api.logging.MessageLogContext;
import io.storefront.api.secrets.SecretsRefresh;
import io.storefront.api.store.ProcessorGauges;
import io.storefront.api.store.SegmentSharing;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.cache.annotation.EnableCaching;

/**
 * The read side: projections of the events into views, the query REST API, and replay. Its
 * configuration is {@code query-side.yml}, so that it can share a JVM with the command side.
 */
@SpringBootApplication
@EnableCaching // Boot's Redis cache manager, which ReadCache uses
// where each processor stands, for Prometheus; the correlation id and acting user of every log line;
// with the vault profile, Vault read again now and then
@Import({ProcessorGauges.class, SegmentSharing.class, CorrelationIdFilter.class, MessageLogContext.class, SecretsRefresh.class})
public class QuerySideApplication {

    public static final String CONFIG_NAME = "spring.config.name=query-side";

    public static void main(String[] args) {
        new SpringApplicationBuilder(QuerySideApplication.class).properties(CONFIG_NAME).run(args);
    }
}
