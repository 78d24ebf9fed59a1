package io.storefront.command.notification;

import io.storefront.api.notification.ResendNotification;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * For operators: the messages parked on the dead-letter queue, and sending one again. A message sent
 * again starts over at its first attempt and leaves the dead-letter queue.
 */
@RestController
@RequestMapping("/api/admin/notifications/parked")
@ConditionalOnProperty("storefront.notifications.enabled")
class ParkedNotificationsController {

    /** What an operator sees of a parked message: never its address or text. */
    record ParkedMessage(String notificationId, String customerId, String channel, String kind, String orderId,
                         int attempts, String reason, String parkedAt) {
    }

    private final NotificationQueue queue;
    private final CommandGateway commands;

    ParkedNotificationsController(NotificationQueue queue, CommandGateway commands) {
        this.queue = queue;
        this.commands = commands;
    }

    @GetMapping
    List<ParkedMessage> parked() {
        return queue.parked().stream().map(parked -> {
            var message = parked.envelope().message();
            return new ParkedMessage(parked.envelope().notificationId(), message.customerId(), message.channel().name(),
                    message.kind().name(), message.order() == null ? null : message.order().orderId(),
                    parked.attempts(), parked.reason(), parked.parkedAt());
        }).toList();
    }

    @PostMapping("/{notificationId}/resend")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void resend(@PathVariable String notificationId) {
        queue.takeParked(notificationId, envelope -> {
            commands.sendAndWait(new ResendNotification(notificationId));
            queue.publish(envelope);
        }).orElseThrow(() -> new AggregateNotFoundException(notificationId, "No such message is parked"));
    }
}
