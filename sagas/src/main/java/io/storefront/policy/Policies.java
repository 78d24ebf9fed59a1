package io.storefront.policy;

import io.storefront.api.store.DeadLetterAdmin;
import io.storefront.api.store.DeadLetters;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.transaction.PlatformTransactionManager;

import java.util.List;
import java.util.Set;

/**
 * The checkout's policies, one per context that acts, each reacting only to events. Add this class
 * to an application beside the command side to run them there.
 *
 * <p>Each policy is its own tracking processor, reading the event store from the beginning; it wakes
 * as soon as an event is stored (a pooled streaming processor would poll the JDBC store every 500 ms);
 * its token and the events its commands cause commit together. A failure that may pass is retried:
 * the processor backs off and reads the event again. A command the domain refuses is final and the
 * policy moves on (see {@link PolicyCommands}). An event a policy keeps failing on otherwise is set
 * aside for an administrator, and the policy goes on with the others ({@link DeadLetters}).
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@ComponentScan
public class Policies {

    static final int SEGMENTS = 2;
    /**
     * Events that have queued up are handled up to this many in one transaction (one token update, one commit);
     * an event that comes alone is handled alone, at once. B1 at 32 customers: 21.3 checkouts/s against 16.5 one
     * at a time, 38 transactions per checkout against 56 (docs/benchmarks.md).
     */
    static final int BATCH_SIZE = 20;
    static final List<String> PROCESSING_GROUPS = List.of(
            "product-stock-policy", "order-fulfilment-policy", "payment-policy", "shipment-policy");
    /** The groups above and the notification policy's, which runs where notifications are on. */
    static final Set<String> WITH_DEAD_LETTERS = Set.of(
            "product-stock-policy", "order-fulfilment-policy", "payment-policy", "shipment-policy", "notification-policy");

    @Autowired
    void configure(EventProcessingConfigurer processing, ObjectProvider<ConnectionProvider> connections,
                   ObjectProvider<TransactionManager> transactions) {
        processing.registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance());
        PROCESSING_GROUPS.forEach(group -> processing.registerTrackingEventProcessor(group, Configuration::eventStore,
                configuration -> TrackingEventProcessorConfiguration.forParallelProcessing(SEGMENTS)
                        .andInitialSegmentsCount(SEGMENTS).andBatchSize(BATCH_SIZE)));
        DeadLetters.setAside(processing, WITH_DEAD_LETTERS, "policy_dead_letter", connections::getObject,
                transactions::getObject);
    }

    /** A policy's handler runs in a savepoint, so that a failed one leaves nothing half-written. */
    @Bean
    HandlerEnhancerDefinition policySavepoints(PlatformTransactionManager transactions) {
        return DeadLetters.savepoints(transactions, WITH_DEAD_LETTERS);
    }

    @Bean
    DeadLetterAdmin policyDeadLetters(EventProcessingConfiguration processing) {
        return new DeadLetterAdmin(processing, WITH_DEAD_LETTERS);
    }
}
