package io.storefront.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.OpenTelemetry;
import io.storefront.api.store.DeadLetterAdmin;
import io.storefront.api.store.DeadLetters;
import io.storefront.api.store.EventStoreFormat;
import io.storefront.api.store.SegmentSharing;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.util.List;

/**
 * The query side reads the events the command side stored in PostgreSQL (or, with Axon Server,
 * from there) and keeps each projection's token in its own database, in the transaction that
 * updates the view. Each projection is a tracking processor of two segments that handles events in
 * batches: it wakes when an event is stored, where a pooled streaming processor polls the JDBC store
 * every 500 ms, and replays as fast (B3 in docs/benchmarks.md). The rows a projection writes carry the
 * trace of the event they apply, for the change capture ({@link ChangeTracing}). An event a projection
 * keeps failing on is set aside, and the projection goes on ({@link DeadLetters}).
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class EventSourceConfiguration {

    static final List<String> PROJECTIONS =
            List.of("orders-view", "payments-view", "shipments-view", "stock-view", "users-view", "catalog-view",
                    "notifications-view");
    private static final int SEGMENTS = 2;
    private static final int BATCH_SIZE = 100;

    @Bean
    ObjectMapper axonObjectMapper() {
        return EventStoreFormat.objectMapper();
    }

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
                                          Configuration axon) {
        return EventStoreFormat.storageEngine(axonConnectionProvider, transactionManager, eventSerializer, serializer)
                .upcasterChain(axon.upcasterChain())
                // events fetched per query: a replay reads the whole store, a tailing reader a few at a time
                .batchSize(1000)
                .build();
    }

    /** A view's rows and its token in one Spring transaction (see the command side's AxonConfiguration). */
    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactions) {
        return new SpringTransactionManager(transactions);
    }

    @Bean
    TokenStore tokenStore(ConnectionProvider axonConnectionProvider, Serializer serializer, SegmentSharing sharing) {
        return EventStoreFormat.tokenStore(axonConnectionProvider, serializer, sharing.owner());
    }

    /** A projection's handler runs in a savepoint, so that a failed one leaves its view and transaction as they were. */
    @Bean
    HandlerEnhancerDefinition projectionSavepoints(PlatformTransactionManager transactions) {
        return DeadLetters.savepoints(transactions, PROJECTIONS);
    }

    @Bean
    DeadLetterAdmin deadLetterAdmin(EventProcessingConfiguration processing) {
        return new DeadLetterAdmin(processing, PROJECTIONS);
    }

    @Autowired
    void projections(EventProcessingConfigurer processing, JdbcClient jdbc, OpenTelemetry openTelemetry,
                     ObjectProvider<ConnectionProvider> connections, ObjectProvider<TransactionManager> transactions) {
        processing.registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance());
        DeadLetters.setAside(processing, PROJECTIONS, "projection_dead_letter", connections::getObject, transactions::getObject);
        ChangeTracing changeTracing = new ChangeTracing(jdbc, openTelemetry.getPropagators().getTextMapPropagator());
        processing.registerDefaultHandlerInterceptor((configuration, processor) -> changeTracing);
        PROJECTIONS.forEach(projection -> processing.registerTrackingEventProcessor(
                projection, Configuration::eventStore,
                configuration -> TrackingEventProcessorConfiguration.forParallelProcessing(SEGMENTS).andInitialSegmentsCount(SEGMENTS).andBatchSize(BATCH_SIZE)));
    }
}
