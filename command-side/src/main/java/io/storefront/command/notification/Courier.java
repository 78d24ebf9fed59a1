package io.storefront.command.notification;

import io.storefront.api.notification.Channel;
import io.storefront.api.notification.ParkNotification;
import io.storefront.api.notification.RecordDeliveryFailure;
import io.storefront.api.notification.RecordNotificationSent;
import io.storefront.api.notification.StartDelivery;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Takes messages off the channels' queues and sends them, once each: a message recorded as sent is
 * dropped, whether the event that caused it or the message itself came twice. A failed attempt is
 * recorded and the message waits on a retry queue; after the last pause, or when the provider says it
 * never will take it, the message is parked. When recording fails (the database is away), the
 * listener tries the message again a few times and then dead-letters it, parked without a record.
 */
@Component
@ConditionalOnProperty("storefront.notifications.enabled")
class Courier {

    private static final Logger log = LoggerFactory.getLogger(Courier.class);

    private final NotificationQueue queue;
    private final Templates templates;
    private final Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);
    private final CommandGateway commands;

    Courier(NotificationQueue queue, Templates templates, List<ChannelSender> senders, CommandGateway commands) {
        this.queue = queue;
        this.templates = templates;
        senders.forEach(sender -> this.senders.put(sender.channel(), sender));
        this.commands = commands;
    }

    @RabbitListener(queues = {NotificationQueues.EMAIL, NotificationQueues.SMS, NotificationQueues.PUSH})
    void deliver(Message amqp) {
        Envelope envelope = queue.read(amqp.getBody());
        int attempt = NotificationQueue.attemptOf(amqp.getMessageProperties().getHeaders().get(NotificationQueue.ATTEMPT));
        String id = envelope.notificationId();
        if (!isDue(id)) {
            return;
        }
        var message = envelope.message();
        try {
            senders.get(message.channel()).send(id, message.to(), templates.render(message, envelope.code()));
        } catch (DeliveryFailed failure) {
            String reason = failure.getMessage();
            log.info("Attempt {} at notification {} failed: {}", attempt, id, reason);
            commands.sendAndWait(new RecordDeliveryFailure(id, attempt, reason));
            if (failure.isPermanent() || !queue.retryLater(envelope, attempt)) {
                queue.park(envelope, attempt, reason);
                commands.sendAndWait(new ParkNotification(id, reason));
            }
            return;
        }
        commands.sendAndWait(new RecordNotificationSent(id, attempt));
        log.info("Sent notification {} by {} at attempt {}", id, message.channel(), attempt);
    }

    private boolean isDue(String notificationId) {
        try {
            return commands.sendAndWait(new StartDelivery(notificationId));
        } catch (AggregateNotFoundException e) {
            // a verification code is handed over before its request commits: the listener tries again shortly,
            // and a message whose request rolled back ends on the dead-letter queue
            throw new IllegalStateException("Notification " + notificationId + " is not recorded (yet)", e);
        }
    }
}
