package io.storefront.command.notification;

import com.rabbitmq.client.GetResponse;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageBuilderSupport;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import static io.storefront.command.notification.NotificationQueues.EXCHANGE;
import static io.storefront.command.notification.NotificationQueues.PARKED;
import static io.storefront.command.notification.NotificationQueues.retryQueue;
import static io.storefront.command.notification.NotificationQueues.routingKey;

/**
 * Puts messages on the broker: persistent, and each publish waits for the broker's confirm, so that a
 * message counts as queued only once the broker has taken it. The attempt travels as a header.
 */
@Component
@ConditionalOnProperty("storefront.notifications.enabled")
class NotificationQueue {

    static final String ATTEMPT = "x-attempt";
    static final String PARKED_REASON = "x-parked-reason";
    static final String PARKED_AT = "x-parked-at";
    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(5);
    /** How many parked messages one look at the dead-letter queue goes through. */
    private static final int PARKED_PAGE = 500;

    /** A message on the dead-letter queue, as an operator sees it. */
    record Parked(Envelope envelope, int attempts, String reason, String parkedAt) {
    }

    private final RabbitTemplate rabbit;
    private final List<Duration> pauses;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.shared();

    NotificationQueue(RabbitTemplate rabbit, NotificationSettings settings, Clock clock) {
        this.rabbit = rabbit;
        this.pauses = List.copyOf(settings.retryDelays());
        this.clock = clock;
    }

    /** Queues a message for its first attempt. */
    void publish(Envelope envelope) {
        send(EXCHANGE, routingKey(envelope.message().channel()), amqp(envelope, 1).build());
    }

    /**
     * Queues a failed message for its next attempt, after the pause for it; false when the pauses are
     * spent and the message is to be parked instead.
     */
    boolean retryLater(Envelope envelope, int failedAttempt) {
        if (failedAttempt > pauses.size()) {
            return false;
        }
        Duration pause = pauses.get(failedAttempt - 1);
        send("", retryQueue(envelope.message().channel(), pause), amqp(envelope, failedAttempt + 1).build());
        return true;
    }

    void park(Envelope envelope, int attempts, String reason) {
        send("", PARKED, amqp(envelope, attempts)
                .setHeader(PARKED_REASON, reason)
                .setHeader(PARKED_AT, clock.instant().toString())
                .build());
    }

    /** The parked messages, oldest first, left where they are. */
    List<Parked> parked() {
        return rabbit.execute(channel -> {
            List<Parked> parked = new ArrayList<>();
            GetResponse response;
            long last = -1;
            while (parked.size() < PARKED_PAGE && (response = channel.basicGet(PARKED, false)) != null) {
                parked.add(parked(response));
                last = response.getEnvelope().getDeliveryTag();
            }
            if (last >= 0) {
                channel.basicNack(last, true, true);
            }
            return parked;
        });
    }

    /**
     * Takes the parked message {@code notificationId} off the dead-letter queue once {@code resend}
     * has sent it again; if {@code resend} fails, the message stays parked. Empty when no such message
     * is parked.
     */
    Optional<Envelope> takeParked(String notificationId, Consumer<Envelope> resend) {
        return rabbit.execute(channel -> {
            List<Long> others = new ArrayList<>();
            Envelope found = null;
            GetResponse response;
            try {
                while (found == null && others.size() < PARKED_PAGE && (response = channel.basicGet(PARKED, false)) != null) {
                    Envelope envelope = read(response.getBody());
                    long tag = response.getEnvelope().getDeliveryTag();
                    if (envelope.notificationId().equals(notificationId)) {
                        try {
                            resend.accept(envelope);
                        } catch (RuntimeException e) {
                            channel.basicNack(tag, false, true);
                            throw e;
                        }
                        channel.basicAck(tag, false);
                        found = envelope;
                    } else {
                        others.add(tag);
                    }
                }
            } finally {
                for (long tag : others) {
                    channel.basicNack(tag, false, true);
                }
            }
            return Optional.ofNullable(found);
        });
    }

    Envelope read(byte[] body) {
        return json.readValue(body, Envelope.class);
    }

    private Parked parked(GetResponse response) {
        Map<String, Object> headers = response.getProps().getHeaders() == null ? Map.of() : response.getProps().getHeaders();
        // a message the listener dead-lettered itself has no reason of ours
        String reason = Objects.toString(headers.get(PARKED_REASON), "rejected by the listener");
        return new Parked(read(response.getBody()), attemptOf(headers.get(ATTEMPT)), reason,
                Objects.toString(headers.get(PARKED_AT), null));
    }

    static int attemptOf(Object header) {
        return header instanceof Number number ? number.intValue() : 1;
    }

    private MessageBuilderSupport<org.springframework.amqp.core.Message> amqp(Envelope envelope, int attempt) {
        return MessageBuilder.withBody(json.writeValueAsBytes(envelope))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .setMessageId(envelope.notificationId())
                .setHeader(ATTEMPT, attempt);
    }

    private void send(String exchange, String routingKey, org.springframework.amqp.core.Message message) {
        rabbit.invoke(operations -> {
            operations.send(exchange, routingKey, message);
            operations.waitForConfirmsOrDie(CONFIRM_TIMEOUT.toMillis());
            return null;
        });
    }
}
