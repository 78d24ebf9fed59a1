package io.storefront.policy;

import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.ComponentScan;

import java.util.List;

/**
 * The checkout's policies, one per context that acts, each reacting only to events. Add this class
 * to an application beside the command side to run them there.
 *
 * <p>Each policy is its own tracking processor, reading the event store from the beginning; it wakes
 * as soon as an event is stored (a pooled streaming processor would poll the JDBC store every 500 ms);
 * its token and the events its commands cause commit together. A failure that may pass is retried:
 * the processor backs off and reads the event again. A command the domain refuses is final and the
 * policy moves on (see {@link PolicyCommands}).
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@ComponentScan
public class Policies {

    static final int SEGMENTS = 2;
    static final List<String> PROCESSING_GROUPS = List.of(
            "product-stock-policy", "order-fulfilment-policy", "payment-policy", "shipment-policy");

    @Autowired
    void configure(EventProcessingConfigurer processing) {
        processing.registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance());
        PROCESSING_GROUPS.forEach(group -> processing.registerTrackingEventProcessor(group, Configuration::eventStore,
                configuration -> TrackingEventProcessorConfiguration.forParallelProcessing(SEGMENTS)
                        .andInitialSegmentsCount(SEGMENTS)));
    }
}
