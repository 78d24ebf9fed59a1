package io.storefront.bench;

import io.storefront.api.shipment.ShipmentId;
import io.storefront.launcher.StorefrontLauncher;
import io.storefront.query.capture.ReadModelCapture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * B5: the change capture of the read models. Under a B1 load (N customers checking out in a closed
 * loop) it measures the lag from a read-model transaction's commit (the record's {@code source.ts_ms})
 * to the record's hand-over to Kafka (its timestamp), and the records per second that arrive against
 * the rows the projections change per second (PostgreSQL's own counters): a ratio of 1 keeps up. Then,
 * with the capture stopped, a burst of row changes is written at once and the capture started again:
 * how many records per second it streams when it has a backlog is what it sustains.
 */
final class CaptureBenchmark implements Benchmarks.Benchmark {

    private static final String CAPTURED = "'order_view','order_line_view','payment_view','shipment_view','stock_level','user_view'";

    @Override
    public Report run(SimpleCommandLinePropertySource options) throws Exception {
        int customers = Embedded.option(options, "customers", 8);
        Duration measured = Embedded.option(options, "duration", Duration.ofSeconds(20));
        int burst = Embedded.option(options, "burst", 50_000);
        try (StorefrontLauncher platform = Embedded.startWithoutRateLimit();
             Arrivals arrivals = new Arrivals(platform.kafkaBootstrapServers())) {
            String gateway = "http://localhost:" + platform.port();
            JdbcClient views = platform.querySide().getBean(JdbcClient.class);
            String product = Checkouts.product(Checkouts.admin(gateway), 1_000_000);
            List<Shopper> shoppers = new ArrayList<>();
            for (int i = 0; i < customers; i++) {
                shoppers.add(Shopper.register(gateway));
            }
            checkouts(shoppers, product, Duration.ofSeconds(5));
            long changesBefore = rowChanges(views);
            arrivals.reset();
            long started = System.nanoTime();
            checkouts(shoppers, product, measured);
            double seconds = (System.nanoTime() - started) / 1e9;
            double changesPerSecond = (rowChanges(views) - changesBefore) / seconds;
            double recordsPerSecond = arrivals.count() / seconds;

            Map<String, Object> load = new LinkedHashMap<>();
            load.put("phase", "under B1 load, " + customers + " customers");
            load.put("row changes/s", changesPerSecond);
            load.put("records/s", recordsPerSecond);
            load.put("records / changes", recordsPerSecond / changesPerSecond);
            load.putAll(arrivals.lag.summary("commit→Kafka "));

            ReadModelCapture capture = platform.querySide().getBean(ReadModelCapture.class);
            capture.stop();
            long written = 0;
            while (written < burst) {
                written += views.sql("UPDATE order_line_view SET reserved = reserved").update();
            }
            arrivals.reset();
            long restarted = System.nanoTime();
            capture.start();
            long target = written;
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(50)).until(() -> arrivals.count() >= target);
            double burstSeconds = (System.nanoTime() - restarted) / 1e9;
            Map<String, Object> backlog = new LinkedHashMap<>();
            backlog.put("phase", "backlog of " + written + " row changes, capture restarted");
            backlog.put("row changes/s", Double.NaN);
            backlog.put("records/s", written / burstSeconds);
            backlog.put("records / changes", Double.NaN);
            backlog.putAll(arrivals.lag.summary("commit→Kafka "));

            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("customers", customers);
            parameters.put("measuredSeconds", measured.toSeconds());
            parameters.put("burst", burst);
            return new Report("b5", "change capture of the read models to Kafka on the embedded default", parameters,
                    List.of(load, backlog), Map.of());
        }
    }

    /** Closed-loop checkouts by every shopper for {@code duration}: place, pay, and wait for the shipment. */
    private static void checkouts(List<Shopper> shoppers, String product, Duration duration) throws Exception {
        long stopAt = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(shoppers.size());
        try {
            List<Future<?>> loops = new ArrayList<>();
            for (Shopper shopper : shoppers) {
                loops.add(pool.submit(() -> {
                    while (System.nanoTime() < stopAt) {
                        String orderId = Checkouts.placeOrder(shopper, product);
                        Checkouts.pay(shopper, orderId);
                        Checkouts.awaitOk(shopper, "/api/shipments/" + ShipmentId.forOrder(orderId));
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
    }

    /**
     * Rows inserted, updated and deleted in the captured views so far, as PostgreSQL counts them, once
     * two readings a second apart agree: its statistics arrive a little after each transaction.
     */
    private static long rowChanges(JdbcClient views) {
        long[] last = {-1};
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            long now = views.sql("SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_user_tables "
                            + "WHERE relname IN (" + CAPTURED + ")")
                    .query(Long.class).single();
            boolean settled = now == last[0];
            last[0] = now;
            return settled;
        });
        return last[0];
    }

    /** Reads every change record as it arrives, counting them and the lag of each. */
    private static final class Arrivals implements AutoCloseable {

        private final KafkaConsumer<String, String> consumer;
        private final Thread reader;
        private final AtomicLong count = new AtomicLong();
        private volatile Latencies lag = new Latencies();
        private volatile boolean open = true;

        Arrivals(String bootstrapServers) {
            consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                    ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1_000),
                    new StringDeserializer(), new StringDeserializer());
            consumer.subscribe(Pattern.compile("storefront\\.public\\..*"));
            reader = new Thread(this::read, "b5-arrivals");
            reader.start();
        }

        private void read() {
            JsonMapper json = JsonMapper.shared();
            while (open) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.value() == null) {
                        continue;
                    }
                    JsonNode source = json.readTree(record.value()).path("source");
                    lag.record(Duration.ofMillis(Math.max(0, record.timestamp() - source.path("ts_ms").asLong())));
                    count.incrementAndGet();
                }
            }
            consumer.close();
        }

        long count() {
            return count.get();
        }

        void reset() {
            lag = new Latencies();
            count.set(0);
        }

        @Override
        public void close() throws InterruptedException {
            open = false;
            reader.join();
        }
    }
}
