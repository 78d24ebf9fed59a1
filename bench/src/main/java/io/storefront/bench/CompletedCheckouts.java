package io.storefront.bench;

import io.storefront.api.shipment.ShipmentId;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Watches the event store for checkouts under way: one is complete when its order's shipment exists.
 * One query every 5 ms for all customers together, so that watching costs the machine little beside
 * what is measured; its queries are counted, to be left out of the platform's transactions.
 */
final class CompletedCheckouts implements AutoCloseable {

    private final JdbcClient events;
    private final Map<String, CompletableFuture<Instant>> paidAt = new ConcurrentHashMap<>();
    private final AtomicInteger queries = new AtomicInteger();
    private final ScheduledExecutorService watcher =
            Executors.newSingleThreadScheduledExecutor(task -> Thread.ofPlatform().daemon().name("checkout-watcher").unstarted(task));

    CompletedCheckouts(JdbcClient events) {
        this.events = events;
        watcher.scheduleWithFixedDelay(this::look, 5, 5, TimeUnit.MILLISECONDS);
    }

    /** Completes with the time the order was paid (its OrderPaid event's timestamp) once its shipment exists. */
    CompletableFuture<Instant> of(String orderId) {
        return paidAt.computeIfAbsent(orderId, order -> new CompletableFuture<>());
    }

    /** The benchmark's own queries so far (each a transaction of its own). */
    int queries() {
        return queries.get();
    }

    /** Stops watching a checkout that did not complete; answers its order's event types, to say how far it came. */
    List<String> giveUp(String orderId) {
        paidAt.remove(orderId);
        queries.incrementAndGet();
        return events.sql(CheckoutCost.BENCH + "SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number")
                .param(orderId).query(String.class).list().stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }

    private void look() {
        try {
            Map<String, String> orderOfShipment = paidAt.keySet().stream()
                    .collect(Collectors.toMap(ShipmentId::forOrder, Function.identity()));
            if (orderOfShipment.isEmpty()) {
                return;
            }
            queries.incrementAndGet();
            List<String> complete = events.sql(CheckoutCost.BENCH + "SELECT DISTINCT aggregate_identifier FROM domain_event_entry "
                            + "WHERE aggregate_identifier IN (:shipments)")
                    .param("shipments", orderOfShipment.keySet()).query(String.class).list()
                    .stream().map(orderOfShipment::get).toList();
            if (complete.isEmpty()) {
                return;
            }
            queries.incrementAndGet();
            events.sql(CheckoutCost.BENCH + "SELECT aggregate_identifier, time_stamp FROM domain_event_entry "
                            + "WHERE aggregate_identifier IN (:orders) AND payload_type LIKE '%.OrderPaid'")
                    .param("orders", complete)
                    .query((row, index) -> Map.entry(row.getString(1), Instant.parse(row.getString(2))))
                    .list()
                    .forEach(paid -> paidAt.remove(paid.getKey()).complete(paid.getValue()));
        } catch (RuntimeException e) {
            // a failed look is tried again 5 ms later; a checkout that never completes times out
            System.err.println("Watching checkouts: " + e);
        }
    }

    @Override
    public void close() {
        watcher.shutdownNow();
    }
}
