package io.storefront.command.notification;

import io.storefront.api.notification.Channel;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The broker's layout, declared at start: one durable work queue per channel behind the
 * {@value #EXCHANGE} exchange; per channel a retry queue for each pause, whose messages expire back
 * onto the work queue (TTL and dead-lettering, so waiting costs the consumers nothing); and one
 * dead-letter queue where parked messages wait for an operator. A retry queue is named by its pause,
 * so that changing the pauses declares new queues instead of clashing with the old ones' arguments.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("storefront.notifications.enabled")
@EnableConfigurationProperties(NotificationSettings.class)
class NotificationQueues {

    static final String EXCHANGE = "notifications";
    static final String PARKED = "notifications.parked";
    static final String EMAIL = "notifications.email";
    static final String SMS = "notifications.sms";
    static final String PUSH = "notifications.push";

    static String workQueue(Channel channel) {
        return EXCHANGE + "." + routingKey(channel);
    }

    static String retryQueue(Channel channel, Duration pause) {
        return workQueue(channel) + ".retry." + pause.toMillis() + "ms";
    }

    static String routingKey(Channel channel) {
        return channel.name().toLowerCase(Locale.ROOT);
    }

    @Bean
    Declarables notificationTopology(NotificationSettings settings) {
        List<Declarable> declarables = new ArrayList<>();
        DirectExchange exchange = new DirectExchange(EXCHANGE, true, false);
        declarables.add(exchange);
        declarables.add(QueueBuilder.durable(PARKED).build());
        for (Channel channel : Channel.values()) {
            Queue work = QueueBuilder.durable(workQueue(channel))
                    // a message no consumer can read is parked rather than tried for ever
                    .deadLetterExchange("").deadLetterRoutingKey(PARKED)
                    .build();
            declarables.add(work);
            declarables.add(new Binding(work.getName(), Binding.DestinationType.QUEUE, EXCHANGE, routingKey(channel), null));
            for (Duration pause : settings.retryDelays()) {
                declarables.add(QueueBuilder.durable(retryQueue(channel, pause))
                        .ttl(Math.toIntExact(pause.toMillis()))
                        .deadLetterExchange(EXCHANGE).deadLetterRoutingKey(routingKey(channel))
                        .build());
            }
        }
        return new Declarables(declarables);
    }
}
