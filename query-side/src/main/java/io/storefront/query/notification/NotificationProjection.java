package io.storefront.query.notification;

import io.storefront.api.notification.Channel;
import io.storefront.api.notification.Message;
import io.storefront.api.notification.NotificationDeliveryFailed;
import io.storefront.api.notification.NotificationParked;
import io.storefront.api.notification.NotificationQueued;
import io.storefront.api.notification.NotificationResent;
import io.storefront.api.notification.NotificationSent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;

import static io.storefront.query.Times.utc;

/** The notification history: each message's delivery record and its steps, keyed by the event of each step. */
@Component
@ProcessingGroup("notifications-view")
class NotificationProjection {

    private final JdbcClient jdbc;

    NotificationProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(NotificationQueued event, @SequenceNumber long sequence) {
        Message message = event.message();
        jdbc.sql("""
                        INSERT INTO notification_view (notification_id, customer_id, channel, kind, order_id, recipient,
                            language, status, queued_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, 'QUEUED', ?, ?) ON CONFLICT DO NOTHING""")
                .params(event.notificationId(), message.customerId(), message.channel().name(), message.kind().name(),
                        message.order() == null ? null : message.order().orderId(), masked(message.channel(), message.to()),
                        message.language(), utc(event.queuedAt()), utc(event.queuedAt()))
                .update();
        step(event.notificationId(), sequence, "QUEUED", null, null, event.queuedAt());
    }

    @EventHandler
    void on(NotificationDeliveryFailed event, @SequenceNumber long sequence) {
        jdbc.sql("UPDATE notification_view SET status = 'RETRYING', attempts = ?, last_error = ?, updated_at = ? WHERE notification_id = ?")
                .params(event.attempt(), event.reason(), utc(event.failedAt()), event.notificationId())
                .update();
        step(event.notificationId(), sequence, "FAILED", event.attempt(), event.reason(), event.failedAt());
    }

    @EventHandler
    void on(NotificationSent event, @SequenceNumber long sequence) {
        jdbc.sql("UPDATE notification_view SET status = 'SENT', attempts = ?, updated_at = ? WHERE notification_id = ?")
                .params(event.attempt(), utc(event.sentAt()), event.notificationId())
                .update();
        step(event.notificationId(), sequence, "SENT", event.attempt(), null, event.sentAt());
    }

    @EventHandler
    void on(NotificationParked event, @SequenceNumber long sequence) {
        jdbc.sql("UPDATE notification_view SET status = 'PARKED', last_error = ?, updated_at = ? WHERE notification_id = ?")
                .params(event.reason(), utc(event.parkedAt()), event.notificationId())
                .update();
        step(event.notificationId(), sequence, "PARKED", null, event.reason(), event.parkedAt());
    }

    @EventHandler
    void on(NotificationResent event, @SequenceNumber long sequence) {
        jdbc.sql("UPDATE notification_view SET status = 'QUEUED', updated_at = ? WHERE notification_id = ?")
                .params(utc(event.resentAt()), event.notificationId())
                .update();
        step(event.notificationId(), sequence, "RESENT", null, null, event.resentAt());
    }

    @ResetHandler
    void clearForReplay() {
        jdbc.sql("TRUNCATE notification_view, notification_step").update();
    }

    private void step(String notificationId, long sequence, String step, Integer attempt, String reason, Instant at) {
        jdbc.sql("""
                        INSERT INTO notification_step (notification_id, sequence_number, step, attempt, reason, occurred_at)
                        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(notificationId, sequence, step, attempt, reason, utc(at))
                .update();
    }

    /** Enough of the address to tell which one it was: a***@example.com, +62******7890. */
    static String masked(Channel channel, String to) {
        return switch (channel) {
            case EMAIL -> {
                int at = to.indexOf('@');
                yield to.charAt(0) + "***" + to.substring(at);
            }
            case SMS -> to.substring(0, Math.min(3, to.length())) + "*".repeat(Math.max(0, to.length() - 7))
                    + to.substring(Math.max(3, to.length() - 4));
            case PUSH -> to;
        };
    }
}
