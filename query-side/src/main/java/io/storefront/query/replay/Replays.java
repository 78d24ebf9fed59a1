package io.storefront.query.replay;

import io.storefront.query.NotFound;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rebuilds a projection from the event store: its processor stops, its tokens go back to the start
 * (its reset handler clears the view), and it reads every event again. Progress is measured in
 * positions of the global event stream, which count events but for the gaps concurrent appends leave.
 */
@Component
class Replays {

    record Progress(String projection, boolean replaying, long processed, long total, double percent,
                    Long secondsLeft) {
    }

    private record Started(Instant at, long headAtStart) {
    }

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final Clock clock;
    private final Map<String, Started> started = new ConcurrentHashMap<>();

    Replays(EventProcessingConfiguration processing, EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.clock = Clock.systemUTC();
    }

    Progress replay(String projection) {
        StreamingEventProcessor processor = processor(projection);
        processor.shutdownAsync().join();
        started.put(projection, new Started(clock.instant(), head()));
        processor.resetTokens();
        processor.start();
        return progress(projection);
    }

    Progress progress(String projection) {
        StreamingEventProcessor processor = processor(projection);
        Started start = started.get(projection);
        long total = start == null ? head() : start.headAtStart();
        long processed = Math.min(total, lowestPosition(processor.processingStatus()));
        boolean replaying = start != null && processed < total;
        double percent = total == 0 ? 100.0 : Math.floor(processed * 1000.0 / total) / 10;
        return new Progress(projection, replaying, processed, total, percent,
                replaying ? secondsLeft(start, processed, total) : null);
    }

    private Long secondsLeft(Started start, long processed, long total) {
        Duration elapsed = Duration.between(start.at(), clock.instant());
        if (processed == 0) {
            return null;
        }
        return elapsed.multipliedBy(total - processed).dividedBy(processed).toSeconds();
    }

    /** How far the slowest segment has read: all events before it are in the view again. */
    private static long lowestPosition(Map<Integer, EventTrackerStatus> segments) {
        return segments.values().stream()
                .map(EventTrackerStatus::getCurrentPosition)
                .mapToLong(position -> position.orElse(0))
                .min().orElse(0);
    }

    /** The position of the newest event; 0 when there is none. */
    private long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }

    private StreamingEventProcessor processor(String projection) {
        return processing.eventProcessor(projection, StreamingEventProcessor.class)
                .orElseThrow(() -> new NotFound("projection", projection));
    }
}
