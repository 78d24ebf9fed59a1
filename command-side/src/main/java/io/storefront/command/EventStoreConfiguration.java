package io.storefront.command;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.storefront.api.store.EventStoreFormat;
import io.storefront.api.store.SegmentSharing;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.util.List;

/**
 * Events in PostgreSQL through Axon's JDBC storage engine, in the tables Flyway creates, unless Axon
 * Server is the event store; the processors' tokens stay in PostgreSQL either way, committed with
 * what their handlers write. Declared here because Axon 4's JDBC auto-configuration orders itself
 * against Boot 3's DataSource configuration and so never sees Boot 4's DataSource.
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

    /** The aggregates' cache, named in each {@code @Aggregate}. */
    public static final String AGGREGATE_CACHE = "aggregateCache";

    /** PostgreSQL's SQLSTATE for a unique violation: two appends of one aggregate sequence number. */
    private static final String UNIQUE_VIOLATION = "23505";

    @Bean
    ConnectionProvider axonConnectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    EventStorageEngine eventStorageEngine(Serializer serializer,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          ConnectionProvider axonConnectionProvider,
                                          TransactionManager transactionManager,
                                          org.axonframework.config.Configuration axon, MeterRegistry registry) {
        return new TimedAppends(EventStoreFormat.storageEngine(axonConnectionProvider, transactionManager, eventSerializer, serializer)
                .upcasterChain(axon.upcasterChain())
                .snapshotFilter(axon.snapshotFilter())
                .persistenceExceptionResolver(new SQLStateResolver(UNIQUE_VIOLATION)),
                Timer.builder("storefront.event.store.append").description("writing a unit of work's events to the event store")
                        .publishPercentileHistogram().register(registry));
    }

    /** Axon times commands and handlers, not the store: this times each append of a unit of work's events. */
    private static final class TimedAppends extends JdbcEventStorageEngine {

        private final Timer appends;

        TimedAppends(Builder builder, Timer appends) {
            super(builder);
            this.appends = appends;
        }

        @Override
        protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
            appends.record(() -> super.appendEvents(events, serializer));
        }
    }

    /**
     * Aggregates kept in memory between commands, each checked against the store before it is used
     * ({@link AggregateCache}): loading was the largest part of a command's work in B1 (docs/benchmarks.md).
     */
    @Bean(AGGREGATE_CACHE)
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    Cache aggregateCache(DataSource dataSource) {
        return new AggregateCache(JdbcClient.create(dataSource));
    }

    /** With Axon Server as the store every command loads its aggregate, as before. */
    @Bean(AGGREGATE_CACHE)
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "true", matchIfMissing = true)
    Cache noAggregateCache() {
        return NoCache.INSTANCE;
    }

    @Bean
    TokenStore tokenStore(ConnectionProvider axonConnectionProvider, Serializer serializer, SegmentSharing sharing) {
        return EventStoreFormat.tokenStore(axonConnectionProvider, serializer, sharing.owner());
    }
}
