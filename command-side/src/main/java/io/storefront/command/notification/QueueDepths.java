package io.storefront.command.notification;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.storefront.api.notification.Channel;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * How many messages wait on each channel's queue and on the dead-letter queue, asked of the broker at
 * every scrape: {@code storefront_notification_queue_messages{queue}}. Without the broker the gauge
 * reads NaN, which an alert can tell from zero.
 */
@Component
@ConditionalOnProperty("storefront.notifications.enabled")
class QueueDepths {

    QueueDepths(MeterRegistry registry, AmqpAdmin admin) {
        List<String> queues = new ArrayList<>();
        for (Channel channel : Channel.values()) {
            queues.add(NotificationQueues.workQueue(channel));
        }
        queues.add(NotificationQueues.PARKED);
        queues.forEach(queue -> Gauge.builder("storefront.notification.queue.messages", admin, broker -> depth(broker, queue))
                .tag("queue", queue).register(registry));
    }

    private static double depth(AmqpAdmin admin, String queue) {
        try {
            QueueInformation information = admin.getQueueInfo(queue);
            return information == null ? Double.NaN : information.getMessageCount();
        } catch (RuntimeException brokerAway) {
            return Double.NaN;
        }
    }
}
