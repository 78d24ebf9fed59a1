package io.storefront.command.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.storefront.api.notification.NotificationDeliveryFailed;
import io.storefront.api.notification.NotificationParked;
import io.storefront.api.order.OrderCancelled;
import io.storefront.api.order.OrderPaid;
import io.storefront.api.order.OrderPlaced;
import io.storefront.api.order.OrderRejected;
import io.storefront.api.payment.PaymentCaptured;
import io.storefront.api.payment.PaymentDeclined;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.stream.Stream;

/**
 * The shop's own numbers, counted as this process publishes the events (a subscribing processor: a
 * replay or another instance's events are not counted twice). Revenue is a counter per currency of
 * captured amounts; declines are per gateway, the provider this instance charges through.
 */
@Component
@ProcessingGroup(BusinessMetrics.GROUP)
public class BusinessMetrics {

    public static final String GROUP = "business-metrics";

    private final MeterRegistry registry;
    private final String gateway;

    BusinessMetrics(MeterRegistry registry, @Value("${storefront.payment.provider}") String gateway) {
        this.registry = registry;
        this.gateway = gateway;
        // at zero from the start, so that Prometheus sees the first decline or parked message as an increase
        Stream.of("placed", "paid", "rejected").forEach(this::orders);
        declined();
        registry.counter("storefront.notifications.failed");
        registry.counter("storefront.notifications.parked");
    }

    @EventHandler
    void on(OrderPlaced event) {
        whenCommitted(() -> orders("placed").increment());
    }

    @EventHandler
    void on(OrderPaid event) {
        whenCommitted(() -> orders("paid").increment());
    }

    @EventHandler
    void on(OrderRejected event) {
        whenCommitted(() -> orders("rejected").increment());
    }

    @EventHandler
    void on(OrderCancelled event) {
        whenCommitted(() -> registry.counter("storefront.orders.cancelled", "reason", event.reason().name()).increment());
    }

    @EventHandler
    void on(PaymentCaptured event) {
        whenCommitted(() -> registry.counter("storefront.revenue", "currency", event.amount().currency().getCurrencyCode())
                .increment(event.amount().amount().doubleValue()));
    }

    @EventHandler
    void on(PaymentDeclined event) {
        whenCommitted(() -> declined().increment());
    }

    @EventHandler
    void on(NotificationDeliveryFailed event) {
        whenCommitted(() -> registry.counter("storefront.notifications.failed").increment());
    }

    @EventHandler
    void on(NotificationParked event) {
        whenCommitted(() -> registry.counter("storefront.notifications.parked").increment());
    }

    /** Counted once the event is stored: a transaction that rolls back counts nothing. */
    private static void whenCommitted(Runnable count) {
        if (!CurrentUnitOfWork.ifStarted(unitOfWork -> unitOfWork.afterCommit(committed -> count.run()))) {
            count.run();
        }
    }

    private Counter declined() {
        return registry.counter("storefront.payments.declined", "gateway", gateway);
    }

    private Counter orders(String outcome) {
        return registry.counter("storefront.orders." + outcome);
    }
}
