package io.storefront.bench;

import io.storefront.api.shipment.ShipmentId;
import io.storefront.launcher.StorefrontLauncher;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/**
 * B1: N customers in a closed loop, each placing an order through the gateway, giving a card, and
 * waiting until the checkout is complete (the order paid and its shipment created, as the event store
 * shows) before placing the next. Reports completed checkouts per second, the time from placing to
 * paid, the place-order request's own latency, and errors (with their reasons on the console), for each N.
 */
final class CheckoutBenchmark implements Benchmarks.Benchmark {

    @Override
    public Report run(SimpleCommandLinePropertySource options) throws Exception {
        int[] levels = Arrays.stream((options.containsProperty("customers") ? options.getProperty("customers") : "1,8,32")
                .split(",")).mapToInt(Integer::parseInt).toArray();
        Duration measured = Embedded.option(options, "duration", Duration.ofSeconds(20));
        Duration warmup = Embedded.option(options, "warmup", Duration.ofSeconds(5));
        // --notifications=false: the checkout without its emails, texts and pushes, to weigh what they cost
        String notifications = "--storefront.notifications.enabled="
                + (options.containsProperty("notifications") ? options.getProperty("notifications") : "true");
        // --sampling=0.0: no trace recorded, to weigh what tracing every checkout costs (default 1.0, all)
        String sampling = options.containsProperty("sampling") ? options.getProperty("sampling") : "1.0";
        try (StorefrontLauncher platform = Embedded.startWithoutRateLimit(notifications,
                "--management.tracing.sampling.probability=" + sampling)) {
            String gateway = "http://localhost:" + platform.port();
            JdbcClient events = platform.platform().getBean(JdbcClient.class);
            String product = Checkouts.product(Checkouts.admin(gateway), 1_000_000);
            List<Shopper> customers = new ArrayList<>();
            for (int customer = 0; customer < Arrays.stream(levels).max().orElse(1); customer++) {
                customers.add(Shopper.register(gateway));
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int level : levels) {
                rows.add(runLevel(customers.subList(0, level), product, events, warmup, measured));
            }
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("customers", Arrays.toString(levels));
            parameters.put("measuredSeconds", measured.toSeconds());
            parameters.put("warmupSeconds", warmup.toSeconds());
            parameters.put("notifications", notifications.endsWith("true"));
            parameters.put("traceSampling", Double.parseDouble(sampling));
            return new Report("b1", "closed-loop checkouts through the gateway on the embedded default", parameters, rows, Map.of());
        }
    }

    private static Map<String, Object> runLevel(List<Shopper> customers, String product, JdbcClient events,
                                                Duration warmup, Duration measured) throws Exception {
        Latencies placeToPaid = new Latencies();
        Latencies placeRequest = new Latencies();
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        Map<String, Integer> reasons = new ConcurrentHashMap<>();
        long measureFrom = System.nanoTime() + warmup.toNanos();
        long stopAt = measureFrom + measured.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(customers.size());
        try {
            List<Future<?>> loops = new ArrayList<>();
            for (Shopper customer : customers) {
                loops.add(pool.submit(() -> {
                    while (System.nanoTime() < stopAt) {
                        long started = System.nanoTime();
                        Instant placedAt = Instant.now();
                        boolean counted = started >= measureFrom;
                        String orderId = null;
                        try {
                            orderId = Checkouts.placeOrder(customer, product);
                            if (counted) {
                                placeRequest.record(started);
                            }
                            Checkouts.pay(customer, orderId);
                            String shipmentId = ShipmentId.forOrder(orderId);
                            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                                    .until(() -> exists(events, shipmentId));
                            if (counted && System.nanoTime() <= stopAt) {
                                completed.incrementAndGet();
                                placeToPaid.record(Duration.between(placedAt, paidAt(events, orderId)));
                            }
                        } catch (ConditionTimeoutException e) {
                            errors.incrementAndGet();
                            reasons.merge("not complete within a minute, the order's events: " + eventsOf(events, orderId),
                                    1, Integer::sum);
                        } catch (Exception e) {
                            errors.incrementAndGet();
                            reasons.merge(reason(e), 1, Integer::sum);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> loop : loops) {
                loop.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("customers", customers.size());
        row.put("checkouts/s", completed.get() / (measured.toNanos() / 1e9));
        row.putAll(placeToPaid.summary("place→paid "));
        row.put("place request p50 ms", placeRequest.percentile(50));
        row.put("place request p99 ms", placeRequest.percentile(99));
        row.put("errors", errors.get());
        reasons.forEach((reason, count) -> System.out.println(customers.size() + " customers, " + count + " × " + reason));
        return row;
    }

    private static String reason(Exception e) {
        String message = String.valueOf(e.getMessage());
        return e.getClass().getSimpleName() + ": " + message.substring(0, Math.min(160, message.length()));
    }

    private static List<String> eventsOf(JdbcClient events, String aggregateId) {
        return events.sql("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number")
                .param(aggregateId).query(String.class).list().stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }

    private static boolean exists(JdbcClient events, String aggregateId) {
        return events.sql("SELECT EXISTS (SELECT 1 FROM domain_event_entry WHERE aggregate_identifier = ?)")
                .param(aggregateId).query(Boolean.class).single();
    }

    /** When the order was paid, by the timestamp of its OrderPaid event. */
    private static Instant paidAt(JdbcClient events, String orderId) {
        return Instant.parse(events.sql("SELECT time_stamp FROM domain_event_entry WHERE aggregate_identifier = ? "
                        + "AND payload_type LIKE '%.OrderPaid'")
                .param(orderId).query(String.class).single());
    }
}
