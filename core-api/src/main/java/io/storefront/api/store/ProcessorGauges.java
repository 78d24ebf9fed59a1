package io.storefront.api.store;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Where each streaming processor of a side stands, as gauges read at every scrape: how many events it
 * is behind the head of the store, how many of its segments are in error, whether it runs, and how many
 * events it set aside in its dead-letter queue. Axon's own {@code eventProcessor_latency} says how old
 * the last handled event was; these say how much is left. A side imports this class; the gauges are
 * registered once every processor exists.
 */
public class ProcessorGauges {

    private final MeterRegistry registry;
    private final EventProcessingConfiguration processing;
    private final EventStore store;

    public ProcessorGauges(MeterRegistry registry, EventProcessingConfiguration processing, EventStore store) {
        this.registry = registry;
        this.processing = processing;
        this.store = store;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void register() {
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                Gauge.builder("storefront.processor.behind", streaming, this::behind)
                        .tag("processor", name).description("events between the head of the store and the processor")
                        .register(registry);
                Gauge.builder("storefront.processor.segments.in.error", streaming,
                                p -> p.processingStatus().values().stream().filter(EventTrackerStatus::isErrorState).count())
                        .tag("processor", name).register(registry);
                Gauge.builder("storefront.processor.running", streaming, p -> p.isRunning() ? 1 : 0)
                        .tag("processor", name).register(registry);
            }
            processing.deadLetterQueue(name).ifPresent(queue -> Gauge.builder("storefront.processor.dead.letters", queue,
                            SequencedDeadLetterQueue::size)
                    .tag("processor", name).description("events the processor set aside (see DeadLetters)")
                    .register(registry));
        });
    }

    private double behind(StreamingEventProcessor processor) {
        long head = store.createHeadToken().position().orElse(0);
        return processor.processingStatus().values().stream()
                .mapToLong(status -> head - status.getCurrentPosition().orElse(0))
                .max().orElse(0);
    }
}
