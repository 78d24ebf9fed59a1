package io.storefront.command;

import org.awaitility.Awaitility;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Every streaming processor of an app out of error and at the store's last event, as each should get by itself after an outage. */
public final class ProcessorsCaughtUp {

    private ProcessorsCaughtUp() {
    }

    public static void await(ConfigurableApplicationContext app, Duration patience) {
        long head = app.getBean(EventStore.class).createHeadToken().position().orElseThrow();
        var processors = app.getBean(EventProcessingConfiguration.class).eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast).toList();
        assertThat(processors).isNotEmpty();
        Awaitility.await().atMost(patience).untilAsserted(() -> assertThat(processors).allSatisfy(processor ->
                assertThat(processor.processingStatus().values()).isNotEmpty().allSatisfy(segment -> {
                    assertThat(segment.isErrorState()).as(processor.getName()).isFalse();
                    assertThat(segment.getCurrentPosition().orElse(-1)).as(processor.getName()).isGreaterThanOrEqualTo(head);
                })));
    }
}
