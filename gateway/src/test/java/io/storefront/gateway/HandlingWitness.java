package io.storefront.gateway;

import io.storefront.api.store.SegmentSharing;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Sees every event each processor of an instance handled and committed, and writes down which instance
 * it was. Added to every command side and query side of the {@link Platform}; all of them run in this
 * JVM, so one list holds what every instance did. Not a configuration class, so that the gateway's
 * scan of this package leaves it out.
 */
class HandlingWitness {

    /** An event a processor handled on an instance, its transaction committed. */
    record Handled(String processor, String eventId, String aggregateId, String instance) {
    }

    private static final Queue<Handled> handled = new ConcurrentLinkedQueue<>();

    @Autowired
    void watch(EventProcessingConfigurer processing, SegmentSharing instance) {
        processing.registerDefaultHandlerInterceptor((configuration, processor) -> committed(processor, instance.owner()));
    }

    private static MessageHandlerInterceptor<EventMessage<?>> committed(String processor, String instance) {
        return (unitOfWork, chain) -> {
            EventMessage<?> event = unitOfWork.getMessage();
            String aggregateId = event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
            unitOfWork.afterCommit(work -> handled.add(new Handled(processor, event.getIdentifier(), aggregateId, instance)));
            return chain.proceed();
        };
    }

    static void forget() {
        handled.clear();
    }

    /** What was handled since {@link #forget()}. */
    static List<Handled> all() {
        return List.copyOf(handled);
    }
}
