package io.storefront.bench;

import io.storefront.launcher.StorefrontLauncher;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * B1: N customers in a closed loop, each placing an order through the gateway, giving a card, and
 * waiting until the checkout is complete (the order paid and its shipment created, as the event store
 * shows) before placing the next. Reports completed checkouts per second, the time from placing to
 * paid, the place-order request's own latency, errors (with their reasons on the console), and what a
 * checkout costs in transactions, statements, events, commands and requests ({@link CheckoutCost}), for each N.
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
            String product = Checkouts.product(Checkouts.admin(gateway), 1_000_000);
            List<Shopper> customers = new ArrayList<>();
            for (int customer = 0; customer < Arrays.stream(levels).max().orElse(1); customer++) {
                customers.add(Shopper.register(gateway));
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int level : levels) {
                rows.add(runLevel(customers.subList(0, level), product, platform, warmup, measured));
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

    private static Map<String, Object> runLevel(List<Shopper> customers, String product, StorefrontLauncher platform,
                                                Duration warmup, Duration measured) throws Exception {
        Latencies placeToPaid = new Latencies();
        Latencies placeRequest = new Latencies();
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        Map<String, Integer> reasons = new ConcurrentHashMap<>();
        long measureFrom = System.nanoTime() + warmup.toNanos();
        long stopAt = measureFrom + measured.toNanos();
        JdbcClient database = platform.platform().getBean(JdbcClient.class);
        ExecutorService pool = Executors.newFixedThreadPool(customers.size());
        try (CompletedCheckouts checkouts = new CompletedCheckouts(database)) {
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
                            CompletableFuture<Instant> paid = checkouts.of(orderId);
                            Checkouts.pay(customer, orderId);
                            Instant paidAt = paid.get(60, TimeUnit.SECONDS);
                            if (counted && System.nanoTime() <= stopAt) {
                                completed.incrementAndGet();
                                placeToPaid.record(Duration.between(placedAt, paidAt));
                            }
                        } catch (TimeoutException e) {
                            errors.incrementAndGet();
                            reasons.merge("not complete within a minute, the order's events: " + checkouts.giveUp(orderId),
                                    1, Integer::sum);
                        } catch (Exception e) {
                            errors.incrementAndGet();
                            reasons.merge(reason(e), 1, Integer::sum);
                        }
                    }
                    return null;
                }));
            }
            // what the measured window's checkouts cost, counted from its start to its end
            Thread.sleep(Duration.ofNanos(Math.max(0, measureFrom - System.nanoTime())));
            int benchQueriesBefore = checkouts.queries();
            CheckoutCost cost = CheckoutCost.from(database, List.of(platform.platform(), platform.querySide()));
            Thread.sleep(Duration.ofNanos(Math.max(0, stopAt - System.nanoTime())));
            Map<String, Object> perCheckout = cost.per(completed.get(), checkouts.queries() - benchQueriesBefore);
            for (Future<?> loop : loops) {
                loop.get();
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("customers", customers.size());
            row.put("checkouts/s", completed.get() / (measured.toNanos() / 1e9));
            row.putAll(placeToPaid.summary("place→paid "));
            row.put("place request p50 ms", placeRequest.percentile(50));
            row.put("place request p99 ms", placeRequest.percentile(99));
            row.put("errors", errors.get());
            row.putAll(perCheckout);
            reasons.forEach((reason, count) -> System.out.println(customers.size() + " customers, " + count + " × " + reason));
            return row;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String reason(Exception e) {
        String message = String.valueOf(e.getMessage());
        return e.getClass().getSimpleName() + ": " + message.substring(0, Math.min(160, message.length()));
    }
}
