package io.storefront.api.store;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What an administrator sees of the events a processing group set aside ({@link DeadLetters}), and
 * their retry: each aggregate's letters are handled again in order, and what still fails goes back.
 */
public class DeadLetterAdmin {

    /** At most this many letters are listed at once; the gauge and {@link Letters#total()} say how many there are. */
    public static final int PAGE = 100;

    /**
     * One event set aside: the first of its aggregate's failed ({@code cause} says why, after how many
     * attempts), the others wait behind it ({@code cause} is null).
     */
    public record Letter(String eventId, String eventType, String aggregateId, Long aggregateSequence,
                         String causeType, String cause, int attempts, Instant setAsideAt, Instant lastTriedAt) {
    }

    public record Letters(String processingGroup, long total, List<Letter> letters) {
    }

    /** How a retry went: the aggregates whose letters were all handled, and the letters still set aside. */
    public record Retry(String processingGroup, int aggregatesHandled, long stillSetAside) {
    }

    private final EventProcessingConfiguration processing;
    private final Set<String> groups;

    public DeadLetterAdmin(EventProcessingConfiguration processing, Collection<String> groups) {
        this.processing = processing;
        this.groups = Set.copyOf(groups);
    }

    /** The group's letters, the oldest aggregates first; empty if the group has no dead-letter queue here. */
    public Optional<Letters> letters(String group) {
        return queue(group).map(queue -> {
            List<Letter> letters = new ArrayList<>();
            for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
                for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                    if (letters.size() == PAGE) {
                        return new Letters(group, queue.size(), letters);
                    }
                    letters.add(letter(letter));
                }
            }
            return new Letters(group, queue.size(), letters);
        });
    }

    /**
     * Handles the group's letters again, each aggregate's in order, each aggregate once: those that still
     * fail stay, behind the others.
     */
    public Optional<Retry> retry(String group) {
        return queue(group).flatMap(queue -> processor(group).map(processor -> {
            long aggregates = queue.amountOfSequences();
            int handled = 0;
            for (long i = 0; i < aggregates; i++) {
                if (processor.processAny()) {
                    handled++;
                }
            }
            return new Retry(group, handled, queue.size());
        }));
    }

    private Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue(String group) {
        return groups.contains(group) ? processing.deadLetterQueue(group) : Optional.empty();
    }

    private Optional<SequencedDeadLetterProcessor<EventMessage<?>>> processor(String group) {
        return processing.sequencedDeadLetterProcessor(group);
    }

    private static Letter letter(DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> event = letter.message();
        DomainEventMessage<?> domainEvent = event instanceof DomainEventMessage<?> domain ? domain : null;
        Cause cause = letter.cause().orElse(null);
        return new Letter(event.getIdentifier(), event.getPayloadType().getSimpleName(),
                domainEvent == null ? null : domainEvent.getAggregateIdentifier(),
                domainEvent == null ? null : domainEvent.getSequenceNumber(),
                cause == null ? null : cause.type(), cause == null ? null : cause.message(),
                DeadLetters.SetAsidePolicy.attempts(letter), letter.enqueuedAt(), letter.lastTouched());
    }
}
