package io.storefront.policy;

import io.storefront.command.StoredEvents;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static io.storefront.policy.Shop.APPROVED_CARD;
import static io.storefront.policy.Shop.DECLINED_CARD;
import static io.storefront.policy.Shop.paymentOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every event of finished checkouts delivered a second time to every policy changes nothing. */
@CheckoutTest
class RedeliveryTest {

    @Autowired
    Shop shop;

    @Autowired
    StoredEvents stored;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    EventStore eventStore;

    @Test
    void delivering_every_event_again_to_every_policy_changes_nothing() {
        String coffee = shop.productWithStock(10);
        String soldOut = shop.productWithStock(0);
        String paid = shop.order(1, APPROVED_CARD, coffee);
        String rejected = shop.order(1, APPROVED_CARD, coffee, soldOut);
        String declined = shop.order(1, DECLINED_CARD, coffee);
        String cancelledAfterPayment = shop.order(1, APPROVED_CARD, coffee);
        await().atMost(Duration.ofSeconds(30)).until(() -> stored.types(cancelledAfterPayment).contains("OrderPaid"));
        shop.cancel(cancelledAfterPayment);
        await().atMost(Duration.ofSeconds(30)).until(() -> stored.types(paid).contains("OrderPaid")
                && stored.types(rejected).contains("OrderRejected")
                && stored.types(declined).contains("OrderCancelled")
                && stored.types(paymentOf(cancelledAfterPayment)).contains("PaymentRefunded"));
        long settled = awaitQuiet();

        Policies.PROCESSING_GROUPS.forEach(this::redeliverEverything);
        Policies.PROCESSING_GROUPS.forEach(this::awaitCaughtUp);

        assertThat(awaitQuiet()).isEqualTo(settled);
        assertThat(shop.available(coffee)).isEqualTo(9);
    }

    private void redeliverEverything(String group) {
        StreamingEventProcessor processor = processor(group);
        processor.shutdownAsync().join();
        processor.resetTokens();
        processor.start();
    }

    /** Every segment has handled the events up to the head of the store again. */
    private void awaitCaughtUp(String group) {
        long head = eventStore.createHeadToken().position().orElseThrow();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            var status = processor(group).processingStatus().values();
            return status.size() == Policies.SEGMENTS
                    && status.stream().allMatch(segment -> segment.isCaughtUp()
                            && segment.getCurrentPosition().orElse(-1) >= head)
                    && status.stream().noneMatch(EventTrackerStatus::isErrorState);
        });
    }

    /** The number of stored events, once two looks two seconds apart find it unchanged. */
    private long awaitQuiet() {
        AtomicLong previous = new AtomicLong(-1);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2))
                .until(() -> previous.getAndSet(stored.count()) == previous.get());
        return previous.get();
    }

    private StreamingEventProcessor processor(String group) {
        return processing.eventProcessor(group, StreamingEventProcessor.class).orElseThrow();
    }
}
