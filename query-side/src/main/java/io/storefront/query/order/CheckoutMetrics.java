package io.storefront.query.order;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static io.storefront.query.Times.utc;

/**
 * How the checkout goes, from the orders view: how long an order took from placed to paid (by the
 * events' times, so a projection that catches up measures the customers' wait, not its own), and how
 * many orders are stuck, placed longer than {@code storefront.orders.stuck-after} ago and neither paid
 * nor ended. Every instance reads the same view, so every instance reports the same stuck count.
 */
@Component
class CheckoutMetrics {

    // from a card payment in a second to a customer who pays just before the payment deadline
    private static final Duration[] CHECKOUT_BUCKETS = {Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1),
            Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(15)};

    private final Timer checkout;

    CheckoutMetrics(MeterRegistry registry, JdbcClient jdbc, @Value("${storefront.orders.stuck-after}") Duration stuckAfter) {
        checkout = Timer.builder("storefront.checkout.duration").description("from an order placed to its payment in")
                .serviceLevelObjectives(CHECKOUT_BUCKETS).register(registry);
        Clock clock = Clock.systemUTC();
        Gauge.builder("storefront.orders.stuck", () -> jdbc.sql("""
                                SELECT count(*) FROM order_view WHERE status IN ('PLACED', 'AWAITING_PAYMENT') AND placed_at < ?""")
                        .param(utc(clock.instant().minus(stuckAfter))).query(Long.class).single())
                .description("orders placed longer ago than the threshold, neither paid nor ended").register(registry);
    }

    /** Times a checkout once the view's transaction commits: a rolled-back batch is handled, and timed, again. */
    void paid(Instant placedAt, Instant paidAt) {
        Runnable record = () -> checkout.record(Duration.between(placedAt, paidAt));
        if (!CurrentUnitOfWork.ifStarted(unitOfWork -> unitOfWork.afterCommit(committed -> record.run()))) {
            record.run();
        }
    }
}
