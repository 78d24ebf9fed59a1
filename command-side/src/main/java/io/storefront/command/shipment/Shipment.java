package io.storefront.command.shipment;

import io.storefront.api.shipment.CancelShipment;
import io.storefront.api.shipment.CreateShipment;
import io.storefront.api.shipment.RecordTrackingUpdate;
import io.storefront.api.shipment.ShipmentCancelled;
import io.storefront.api.shipment.ShipmentCreated;
import io.storefront.api.shipment.ShipmentId;
import io.storefront.api.shipment.ShipmentTracked;
import io.storefront.api.shipment.TrackingStatus;
import io.storefront.command.BusinessRuleViolation;
import io.storefront.command.Conflict;
import io.storefront.command.EventStoreConfiguration;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;

import static io.storefront.api.shipment.TrackingStatus.DELIVERED;
import static io.storefront.api.shipment.TrackingStatus.EXCEPTION;
import static io.storefront.api.shipment.TrackingStatus.LABEL_CREATED;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The parcel of one paid order. Its tracking only moves forward (a carrier may miss a scan, so steps
 * may be skipped), with exceptions allowed on the way, after which a step may be taken again; nothing
 * happens after delivery. Until the carrier takes it (its first scan on the way), the parcel may be
 * called off; after that it is not, and a cancelled parcel takes no scans.
 */
@Aggregate(cache = EventStoreConfiguration.AGGREGATE_CACHE)
class Shipment {

    @AggregateIdentifier
    private String shipmentId;
    private String orderId;
    /** The furthest step reached; an exception does not move it. */
    private TrackingStatus progress;
    private TrackingStatus lastStatus;
    private Instant lastUpdateAt;
    private boolean cancelled;

    Shipment() {
    }

    /** Created once per order; a second one is a conflict (see {@code Payment}). */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(CreateShipment command, PaidOrders paidOrders, Clock clock) {
        if (shipmentId != null) {
            throw new Conflict("The order has a shipment already");
        }
        if (!command.shipmentId().equals(ShipmentId.forOrder(command.orderId()))) {
            throw new BusinessRuleViolation("A shipment's id must be the one derived from its order");
        }
        if (!paidOrders.isPaid(command.orderId())) {
            throw new BusinessRuleViolation("Only a paid order can be shipped");
        }
        apply(new ShipmentCreated(command.shipmentId(), command.orderId(), command.address(), command.carrier(),
                clock.instant()));
    }

    @CommandHandler
    void handle(CancelShipment command, Clock clock) {
        if (cancelled) {
            return;
        }
        if (progress != LABEL_CREATED) {
            throw new BusinessRuleViolation("The carrier has the parcel already; it is " + label(progress));
        }
        apply(new ShipmentCancelled(shipmentId, orderId, clock.instant()));
    }

    @CommandHandler
    void handle(RecordTrackingUpdate command) {
        TrackingStatus status = command.status();
        if (status == lastStatus && command.occurredAt().equals(lastUpdateAt)) {
            return;
        }
        if (cancelled) {
            throw new BusinessRuleViolation("The shipment is cancelled; it takes no updates");
        }
        if (progress == DELIVERED) {
            throw new BusinessRuleViolation("The shipment is delivered; it takes no more updates");
        }
        if (command.occurredAt().isBefore(lastUpdateAt)) {
            throw new BusinessRuleViolation("An update cannot predate the last one, at " + lastUpdateAt);
        }
        // after an exception (a failed delivery attempt, say) the parcel may take the same step again
        boolean resuming = lastStatus == EXCEPTION;
        if (status != EXCEPTION && (resuming ? status.compareTo(progress) < 0 : status.compareTo(progress) <= 0)) {
            throw new BusinessRuleViolation("A shipment that is " + label(progress) + " cannot go back to " + label(status));
        }
        apply(new ShipmentTracked(shipmentId, orderId, status, command.occurredAt(), command.location(), command.note()));
    }

    private static String label(TrackingStatus status) {
        return status.name().toLowerCase().replace('_', ' ');
    }

    @EventSourcingHandler
    void on(ShipmentCreated event) {
        shipmentId = event.shipmentId();
        orderId = event.orderId();
        progress = LABEL_CREATED;
        lastStatus = LABEL_CREATED;
        lastUpdateAt = event.createdAt();
    }

    @EventSourcingHandler
    void on(ShipmentCancelled event) {
        cancelled = true;
    }

    @EventSourcingHandler
    void on(ShipmentTracked event) {
        lastStatus = event.status();
        lastUpdateAt = event.occurredAt();
        if (event.status() != EXCEPTION) {
            progress = event.status();
        }
    }
}
