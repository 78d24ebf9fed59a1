package io.storefront.command.audit;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The audit trail: every event of one aggregate, in order, as stored: what happened, when, caused by
 * what and done by whom. Read straight from the event store, so it is never out of date.
 */
@RestController
@RequestMapping("/api/audit")
class AuditTrailController {

    record AuditEntry(long sequenceNumber, String aggregateType, String type, Instant timestamp, Object payload,
                      Map<String, ?> metadata) {
    }

    record AuditTrail(String aggregateId, List<AuditEntry> events, Long nextSequence) {
    }

    private final EventStore eventStore;

    AuditTrailController(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /**
     * One page of the aggregate's events, from {@code fromSequence}; {@code nextSequence} names the next page.
     * An aggregate without events is not found, whatever page is asked for.
     */
    @GetMapping("/{aggregateId}")
    AuditTrail trail(@PathVariable String aggregateId,
                     @RequestParam(defaultValue = "0") @Min(0) long fromSequence,
                     @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        List<AuditEntry> events = eventStore.readEvents(aggregateId, fromSequence).asStream()
                .limit(limit + 1L)
                .map(AuditTrailController::entry)
                .toList();
        if (events.isEmpty() && (fromSequence == 0 || eventStore.lastSequenceNumberFor(aggregateId).isEmpty())) {
            throw new AggregateNotFoundException(aggregateId, "No events for " + aggregateId);
        }
        boolean more = events.size() > limit;
        return new AuditTrail(aggregateId, more ? events.subList(0, limit) : events,
                more ? events.get(limit).sequenceNumber() : null);
    }

    private static AuditEntry entry(DomainEventMessage<?> event) {
        return new AuditEntry(event.getSequenceNumber(), event.getType(), event.getPayloadType().getSimpleName(),
                event.getTimestamp(), event.getPayload(), event.getMetaData());
    }
}
