package io.storefront.policy.notification;

import io.storefront.api.notification.Channel;
import io.storefront.api.notification.Message;
import io.storefront.api.notification.NotificationKind;
import io.storefront.api.notification.OrderFacts;
import io.storefront.api.notification.QueueNotification;
import io.storefront.api.order.OrderCancelled;
import io.storefront.api.order.OrderDelivered;
import io.storefront.api.order.OrderPaid;
import io.storefront.api.order.OrderPlaced;
import io.storefront.api.order.OrderRejected;
import io.storefront.api.order.OrderShipped;
import io.storefront.api.payment.PaymentDeclined;
import io.storefront.api.payment.PaymentRefunded;
import io.storefront.api.product.ProductCreated;
import io.storefront.api.product.ProductDetailsUpdated;
import io.storefront.api.shipment.ShipmentTracked;
import io.storefront.api.shipment.TrackingStatus;
import io.storefront.api.user.NotificationPreferencesChanged;
import io.storefront.api.user.UserProfileUpdated;
import io.storefront.api.user.UserRegistered;
import io.storefront.policy.PolicyCommands;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.storefront.api.notification.NotificationKind.ORDER_CANCELLED;
import static io.storefront.api.notification.NotificationKind.ORDER_DELIVERED;
import static io.storefront.api.notification.NotificationKind.ORDER_PAID;
import static io.storefront.api.notification.NotificationKind.ORDER_PLACED;
import static io.storefront.api.notification.NotificationKind.ORDER_REFUNDED;
import static io.storefront.api.notification.NotificationKind.ORDER_REJECTED;
import static io.storefront.api.notification.NotificationKind.ORDER_SHIPPED;
import static io.storefront.api.notification.NotificationKind.OUT_FOR_DELIVERY;
import static io.storefront.api.notification.NotificationKind.PAYMENT_DECLINED;

/**
 * The Notification context's part of the checkout: tells customers what happens to their orders, on
 * the channels they did not opt out of. Each message's id comes from the event and the channel, so
 * an event handled twice queues each message once.
 *
 * <p>One segment, so that a customer's registration is known before their first order. It reads the
 * whole store, to learn every customer and product, but news older than {@code max-age} is not sent:
 * when the policy first runs, or after a long outage, customers hear nothing stale.
 */
@Component
@ProcessingGroup(NotificationPolicy.GROUP)
@ConditionalOnProperty("storefront.notifications.enabled")
class NotificationPolicy {

    static final String GROUP = "notification-policy";
    private static final Logger log = LoggerFactory.getLogger(NotificationPolicy.class);

    /** Every order message goes by email; the pressing ones by text message and push as well. */
    private static final Map<NotificationKind, Set<Channel>> CHANNELS = Map.of(
            ORDER_PLACED, EnumSet.of(Channel.EMAIL),
            ORDER_PAID, EnumSet.of(Channel.EMAIL, Channel.PUSH),
            ORDER_REJECTED, EnumSet.of(Channel.EMAIL),
            ORDER_CANCELLED, EnumSet.of(Channel.EMAIL),
            ORDER_REFUNDED, EnumSet.of(Channel.EMAIL),
            PAYMENT_DECLINED, EnumSet.of(Channel.EMAIL, Channel.PUSH),
            ORDER_SHIPPED, EnumSet.of(Channel.EMAIL, Channel.PUSH),
            OUT_FOR_DELIVERY, EnumSet.of(Channel.EMAIL, Channel.SMS, Channel.PUSH),
            ORDER_DELIVERED, EnumSet.of(Channel.EMAIL, Channel.PUSH));

    private final Recipients recipients;
    private final PolicyCommands commands;
    private final Clock clock;
    private final Duration maxAge;

    NotificationPolicy(Recipients recipients, PolicyCommands commands, Clock clock,
                       @Value("${storefront.notifications.max-age:1d}") Duration maxAge) {
        this.recipients = recipients;
        this.commands = commands;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    @EventHandler
    void on(UserRegistered event) {
        recipients.registered(event.userId(), event.email(), event.phone());
    }

    @EventHandler
    void on(UserProfileUpdated event) {
        recipients.phoneChanged(event.userId(), event.phone());
    }

    @EventHandler
    void on(NotificationPreferencesChanged event) {
        recipients.preferencesChanged(event.userId(), event.language(), event.optedOut());
    }

    @EventHandler
    void on(ProductCreated event) {
        recipients.productNamed(event.productId(), event.name());
    }

    @EventHandler
    void on(ProductDetailsUpdated event) {
        recipients.productNamed(event.productId(), event.name());
    }

    @EventHandler
    void on(OrderPlaced event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        OrderFacts facts = new OrderFacts(event.orderId(), event.lines().stream()
                .map(line -> new OrderFacts.Line(recipients.productName(line.productId()), line.quantity(), line.unitPrice()))
                .toList(), event.total(), null);
        recipients.orderPlaced(event.customerId(), facts);
        tell(event.orderId(), ORDER_PLACED, null, eventId, at);
    }

    @EventHandler
    void on(OrderPaid event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        tell(event.orderId(), ORDER_PAID, null, eventId, at);
    }

    @EventHandler
    void on(OrderRejected event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        tell(event.orderId(), ORDER_REJECTED, event.reason(), eventId, at);
    }

    @EventHandler
    void on(OrderCancelled event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        tell(event.orderId(), ORDER_CANCELLED, event.reason().name(), eventId, at);
    }

    @EventHandler
    void on(PaymentDeclined event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        tell(event.orderId(), PAYMENT_DECLINED, event.reason(), eventId, at);
    }

    @EventHandler
    void on(PaymentRefunded event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        // a payment is refunded whole: the message names the order's total
        tell(event.orderId(), ORDER_REFUNDED, null, eventId, at);
    }

    @EventHandler
    void on(OrderShipped event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        tell(event.orderId(), ORDER_SHIPPED, event.shipmentId(), eventId, at);
    }

    @EventHandler
    void on(ShipmentTracked event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        if (event.status() == TrackingStatus.OUT_FOR_DELIVERY) {
            tell(event.orderId(), OUT_FOR_DELIVERY, null, eventId, at);
        }
    }

    @EventHandler
    void on(OrderDelivered event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        tell(event.orderId(), ORDER_DELIVERED, null, eventId, at);
    }

    private void tell(String orderId, NotificationKind kind, String detail, String eventId, Instant at) {
        if (at.isBefore(clock.instant().minus(maxAge))) {
            return;
        }
        var order = recipients.order(orderId);
        var recipient = order.flatMap(placed -> recipients.recipient(placed.customerId()));
        if (recipient.isEmpty()) {
            log.info("No one to tell of {} for order {}", kind, orderId);
            return;
        }
        OrderFacts placed = order.get().facts();
        OrderFacts facts = new OrderFacts(orderId, placed.lines(), placed.total(), detail);
        var customer = recipient.get();
        for (Channel channel : CHANNELS.get(kind)) {
            String to = switch (channel) {
                case EMAIL -> customer.email();
                case SMS -> customer.phone();
                case PUSH -> "customer-" + customer.userId();
            };
            if (to != null && !customer.optedOut().contains(channel)) {
                commands.send(new QueueNotification(idOf(eventId, channel),
                        new Message(customer.userId(), channel, kind, to, customer.language(), facts)));
            }
        }
    }

    private static String idOf(String eventId, Channel channel) {
        return UUID.nameUUIDFromBytes((eventId + ":" + channel).getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Autowired
    void oneSegment(EventProcessingConfigurer processing) {
        processing.registerTrackingEventProcessor(GROUP, Configuration::eventStore,
                configuration -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing());
    }
}
