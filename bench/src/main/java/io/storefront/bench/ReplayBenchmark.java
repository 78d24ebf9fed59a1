package io.storefront.bench;

import io.storefront.api.shipment.ShipmentId;
import io.storefront.launcher.StorefrontLauncher;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * B3: every projection rebuilt at once, through the replay endpoint, from a store of a million events,
 * against a raw sequential read of the same event table on the same PostgreSQL.
 * <p>
 * The store is filled from real checkouts: a few hundred go through the gateway, then their events
 * are copied, each copy with every id in it (event, aggregate, and the ids inside payloads and
 * metadata, and the product's SKU) changed alike, so that each copy is another set of customers, orders, payments and
 * shipments that reads like the first. Event processors are stopped while the copies are written.
 */
final class ReplayBenchmark implements Benchmarks.Benchmark {

    /** The first eight hex digits of a UUID; a copy replaces them with its own number. */
    private static final Pattern UUID_HEAD =
            Pattern.compile("\\b[0-9a-f]{8}(?=-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b)");
    /** The benchmark product's SKU, unique in the catalog; a copy gives its product a SKU of its own. */
    private static final Pattern BENCH_SKU = Pattern.compile("BENCH-[0-9A-F]{8}");
    private static final String COLUMNS = "event_identifier, aggregate_identifier, sequence_number, type, time_stamp, "
            + "payload_type, payload_revision, payload, meta_data";

    private record StoredEvent(String eventId, String aggregateId, long sequence, String type, String timestamp,
                               String payloadType, String payloadRevision, byte[] payload, byte[] metaData) {

        Object[] copy(int number) {
            return new Object[]{renumber(eventId, number), renumber(aggregateId, number), sequence, type, timestamp,
                    payloadType, payloadRevision, renumber(payload, number), renumber(metaData, number)};
        }
    }

    @Override
    public Report run(SimpleCommandLinePropertySource options) throws Exception {
        int events = Embedded.option(options, "events", 1_000_000);
        int checkouts = Embedded.option(options, "checkouts", 200);
        try (StorefrontLauncher platform = Embedded.startWithoutRateLimit()) {
            String gateway = "http://localhost:" + platform.port();
            JdbcClient jdbc = platform.platform().getBean(JdbcClient.class);
            long before = count(jdbc, "SELECT COALESCE(max(global_index), 0) FROM domain_event_entry");
            checkout(gateway, checkouts, jdbc);
            Embedded.stopEventProcessors(platform.platform());
            Embedded.stopEventProcessors(platform.querySide());
            long stored = fill(platform.platform().getBean(JdbcTemplate.class), template(jdbc, before), events);
            List<String> projections = options.containsProperty("projections")
                    ? List.of(options.getProperty("projections").split(","))
                    : List.copyOf(platform.querySide().getBean(EventProcessingConfiguration.class).eventProcessors().keySet());
            TransactionTemplate transaction = platform.platform().getBean(TransactionTemplate.class);

            double rawBefore = rawRead(jdbc, transaction);
            Map<String, Double> rebuilt = replay(gateway, projections);
            double raw = Embedded.median(List.of(rawBefore, rawRead(jdbc, transaction)));
            if (projections.contains("orders-view")) {
                requireEveryOrderInView(jdbc);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            rows.add(row("raw sequential read (median of before and after)", stored / raw, raw, stored));
            rebuilt.forEach((projection, seconds) -> rows.add(row(projection + " rebuilt", seconds, raw, stored)));
            double all = stored / rebuilt.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            rows.add(row("all of them rebuilt", stored / all, raw, stored));
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("events", stored);
            parameters.put("checkoutsCopied", checkouts);
            parameters.put("projections", projections);
            return new Report("b3", "projections rebuilt at once against a raw sequential read of the event table",
                    parameters, rows, Map.of("replay of all / raw read", all / raw));
        }
    }

    private static Map<String, Object> row(String read, double seconds, double raw, long events) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("read", read);
        row.put("seconds", seconds);
        row.put("events/s", events / seconds);
        row.put("/ raw read", events / seconds / raw);
        return row;
    }

    /** A fast replay that loses orders would be no result: the view must hold every order placed. */
    private static void requireEveryOrderInView(JdbcClient jdbc) {
        long placed = count(jdbc, "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%.OrderPlaced'");
        long inView = count(jdbc, "SELECT count(*) FROM order_view");
        if (placed != inView) {
            throw new IllegalStateException("The orders view has " + inView + " orders after the replay, the store " + placed);
        }
    }

    /** Real checkouts through the gateway, eight at a time, each until its shipment is created. */
    private static void checkout(String gateway, int checkouts, JdbcClient jdbc) throws Exception {
        Shopper admin = Checkouts.admin(gateway);
        String product = Checkouts.product(admin, 1_000_000);
        List<Shopper> customers = new ArrayList<>();
        for (int customer = 0; customer < 8; customer++) {
            customers.add(Shopper.register(gateway));
        }
        Embedded.perSecond(customers.size(), checkouts, index -> {
            Shopper customer = customers.get(index % customers.size());
            String orderId = Checkouts.placeOrder(customer, product);
            Checkouts.pay(customer, orderId);
            String shipmentId = ShipmentId.forOrder(orderId);
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(20)).until(() -> count(jdbc,
                    "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = '" + shipmentId + "'") > 0);
        });
    }

    private static List<StoredEvent> template(JdbcClient jdbc, long after) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM domain_event_entry WHERE global_index > ? ORDER BY global_index")
                .param(after)
                .query((row, index) -> new StoredEvent(row.getString(1), row.getString(2), row.getLong(3), row.getString(4),
                        row.getString(5), row.getString(6), row.getString(7), row.getBytes(8), row.getBytes(9)))
                .list();
    }

    /** Copies of the template until the store holds {@code events}; answers how many it holds. */
    private static long fill(JdbcTemplate jdbc, List<StoredEvent> template, int events) {
        long started = System.nanoTime();
        long stored = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        for (int copy = 1; stored < events; copy++) {
            int number = copy;
            jdbc.batchUpdate("INSERT INTO domain_event_entry (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    template.stream().map(event -> event.copy(number)).toList());
            stored += template.size();
        }
        System.out.printf("%,d events in the store (%d per copy), written in %d s%n", stored, template.size(),
                Duration.ofNanos(System.nanoTime() - started).toSeconds());
        return stored;
    }

    /** Every column of every event, in order of the global index, through one cursor. */
    private static double rawRead(JdbcClient jdbc, TransactionTemplate transaction) {
        AtomicLong rows = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        long started = System.nanoTime();
        // PostgreSQL streams a result through a cursor only inside a transaction
        transaction.executeWithoutResult(status -> jdbc.sql("SELECT global_index, " + COLUMNS
                        + " FROM domain_event_entry ORDER BY global_index")
                .withFetchSize(1000)
                .query(row -> {
                    rows.incrementAndGet();
                    bytes.addAndGet(row.getBytes("payload").length + row.getString("aggregate_identifier").length());
                }));
        double perSecond = rows.get() / ((System.nanoTime() - started) / 1e9);
        System.out.printf("raw read: %,d events (%,d payload bytes) at %,.0f events/s%n", rows.get(), bytes.get(), perSecond);
        return perSecond;
    }

    /** Starts the replay of every projection through the admin endpoint; answers the seconds until each was done. */
    private static Map<String, Double> replay(String gateway, List<String> projections) throws Exception {
        Shopper[] admin = {Checkouts.admin(gateway)};
        long started = System.nanoTime();
        for (String projection : projections) {
            Shopper.expect(202, admin[0].send("POST", "/api/admin/projections/" + projection + "/replay", null));
        }
        Map<String, Double> done = new LinkedHashMap<>();
        await().atMost(Duration.ofHours(1)).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (String projection : projections) {
                HttpResponse<String> progress = admin[0].get("/api/admin/projections/" + projection);
                if (progress.statusCode() == 401) { // the access token lives 15 minutes at most
                    admin[0] = Checkouts.admin(gateway);
                    return false;
                }
                if (!done.containsKey(projection) && Shopper.expect(200, progress).contains("\"replaying\":false")) {
                    done.put(projection, (System.nanoTime() - started) / 1e9);
                }
            }
            return done.size() == projections.size();
        });
        return done;
    }

    private static long count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static String renumber(String text, int number) {
        if (text == null) {
            return null;
        }
        String renumbered = UUID_HEAD.matcher(text).replaceAll("%08x".formatted(number));
        return BENCH_SKU.matcher(renumbered).replaceAll("BENCH-%08X".formatted(number));
    }

    private static byte[] renumber(byte[] json, int number) {
        return json == null ? null : renumber(new String(json, StandardCharsets.UTF_8), number).getBytes(StandardCharsets.UTF_8);
    }
}
