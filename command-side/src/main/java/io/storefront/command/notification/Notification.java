package io.storefront.command.notification;

import io.storefront.api.notification.NotificationDeliveryFailed;
import io.storefront.api.notification.NotificationParked;
import io.storefront.api.notification.NotificationQueued;
import io.storefront.api.notification.NotificationResent;
import io.storefront.api.notification.NotificationSent;
import io.storefront.api.notification.ParkNotification;
import io.storefront.api.notification.QueueNotification;
import io.storefront.api.notification.RecordDeliveryFailure;
import io.storefront.api.notification.RecordNotificationSent;
import io.storefront.api.notification.ResendNotification;
import io.storefront.api.notification.StartDelivery;
import io.storefront.command.Conflict;
import io.storefront.command.EventStoreConfiguration;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The delivery record of one message: queued, tried (each failure with its reason), then sent, or
 * parked once the attempts are spent, until an operator sends it again.
 */
@Aggregate(cache = EventStoreConfiguration.AGGREGATE_CACHE)
class Notification {

    private enum Status { QUEUED, SENT, PARKED }

    @AggregateIdentifier
    private String notificationId;
    private Status status;

    Notification() {
    }

    /** A message asked for again (a redelivered event) is queued once. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(QueueNotification command, Clock clock) {
        if (notificationId != null) {
            return;
        }
        apply(new NotificationQueued(command.notificationId(), command.message(), clock.instant()));
    }

    /** Whether the message is still to be sent: a message that went out once never goes again. */
    @CommandHandler
    boolean handle(StartDelivery command) {
        return status != Status.SENT;
    }

    @CommandHandler
    void handle(RecordNotificationSent command, Clock clock) {
        if (status == Status.SENT) {
            return;
        }
        apply(new NotificationSent(notificationId, command.attempt(), clock.instant()));
    }

    @CommandHandler
    void handle(RecordDeliveryFailure command, Clock clock) {
        if (status == Status.SENT) {
            return;
        }
        apply(new NotificationDeliveryFailed(notificationId, command.attempt(), command.reason(), clock.instant()));
    }

    @CommandHandler
    void handle(ParkNotification command, Clock clock) {
        if (status != Status.QUEUED) {
            return;
        }
        apply(new NotificationParked(notificationId, command.reason(), clock.instant()));
    }

    /** A parked message, or one stuck before it was recorded as parked; never one that went out. */
    @CommandHandler
    void handle(ResendNotification command, Clock clock) {
        if (status == Status.SENT) {
            throw new Conflict("The message was sent already");
        }
        apply(new NotificationResent(notificationId, clock.instant()));
    }

    @EventSourcingHandler
    void on(NotificationQueued event) {
        notificationId = event.notificationId();
        status = Status.QUEUED;
    }

    @EventSourcingHandler
    void on(NotificationSent event) {
        status = Status.SENT;
    }

    @EventSourcingHandler
    void on(NotificationParked event) {
        status = Status.PARKED;
    }

    @EventSourcingHandler
    void on(NotificationResent event) {
        status = Status.QUEUED;
    }
}
