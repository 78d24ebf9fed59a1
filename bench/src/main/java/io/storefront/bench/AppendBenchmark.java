package io.storefront.bench;

import io.storefront.api.order.OrderLine;
import io.storefront.api.order.PlaceOrder;
import io.storefront.api.shared.Address;
import io.storefront.api.shared.Money;
import io.storefront.launcher.StorefrontLauncher;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * B2: events appended through Axon (one {@code PlaceOrder} per new order: load nothing, decide, append
 * one {@code OrderPlaced} in its own transaction) against raw INSERTs of the very same stored row into a
 * table of the same shape, one transaction each, on the same PostgreSQL and the same number of threads.
 * Event processors are stopped, so nothing reads while they write. Rounds alternate.
 */
final class AppendBenchmark implements Benchmarks.Benchmark {

    private static final Address ADDRESS = new Address("Siti Rahma", "Jl. Sudirman 1", null, "Jakarta", null, "10220", "ID");
    private static final List<OrderLine> LINES = List.of(
            new OrderLine(UUID.randomUUID().toString(), 2, Money.of("85000", "IDR")),
            new OrderLine(UUID.randomUUID().toString(), 1, Money.of("149000", "IDR")));

    record StoredRow(String payloadType, String payloadRevision, byte[] payload, byte[] metaData) {
    }

    @Override
    public Report run(SimpleCommandLinePropertySource options) throws Exception {
        int threads = Embedded.option(options, "threads", 8);
        int events = Embedded.option(options, "events", 4000);
        int rounds = Embedded.option(options, "rounds", 3);
        try (StorefrontLauncher platform = Embedded.start()) {
            Embedded.stopEventProcessors(platform.platform());
            Embedded.stopEventProcessors(platform.querySide());
            CommandGateway commands = platform.platform().getBean(CommandGateway.class);
            JdbcClient jdbc = platform.platform().getBean(JdbcClient.class);
            jdbc.sql("DROP TABLE IF EXISTS bench_raw_event").update();
            jdbc.sql("CREATE TABLE bench_raw_event (LIKE domain_event_entry INCLUDING ALL)").update();
            StoredRow sample = storedRow(jdbc, place(commands));

            Embedded.Task axon = index -> place(commands);
            Embedded.Task raw = index -> insert(jdbc, sample);
            Embedded.perSecond(threads, events / 4, axon); // warm up both paths
            Embedded.perSecond(threads, events / 4, raw);

            List<Map<String, Object>> rows = new ArrayList<>();
            List<Double> axonRates = new ArrayList<>();
            List<Double> rawRates = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                rawRates.add(Embedded.perSecond(threads, events, raw));
                axonRates.add(Embedded.perSecond(threads, events, axon));
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("round", round);
                row.put("raw INSERT events/s", rawRates.getLast());
                row.put("Axon append events/s", axonRates.getLast());
                row.put("Axon / raw", axonRates.getLast() / rawRates.getLast());
                rows.add(row);
            }
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("threads", threads);
            parameters.put("eventsPerRound", events);
            parameters.put("rounds", rounds);
            parameters.put("payloadBytes", sample.payload().length);
            return new Report("b2", "event append through Axon against raw INSERTs of the same rows", parameters, rows,
                    Map.of("median Axon / raw INSERT", Embedded.median(axonRates) / Embedded.median(rawRates)));
        }
    }

    private static String place(CommandGateway commands) {
        String orderId = UUID.randomUUID().toString();
        commands.sendAndWait(new PlaceOrder(orderId, "bench-customer", LINES, ADDRESS));
        return orderId;
    }

    private static StoredRow storedRow(JdbcClient jdbc, String orderId) {
        return jdbc.sql("SELECT payload_type, payload_revision, payload, meta_data FROM domain_event_entry "
                        + "WHERE aggregate_identifier = ?")
                .param(orderId)
                .query((row, index) -> new StoredRow(row.getString(1), row.getString(2), row.getBytes(3), row.getBytes(4)))
                .single();
    }

    /** The row Axon writes for an event, with a new id and aggregate, in a transaction of its own. */
    private static void insert(JdbcClient jdbc, StoredRow row) {
        jdbc.sql("""
                        INSERT INTO bench_raw_event (event_identifier, aggregate_identifier, sequence_number, type,
                            time_stamp, payload_type, payload_revision, payload, meta_data)
                        VALUES (?, ?, 0, 'Order', ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID().toString(), UUID.randomUUID().toString(), Instant.now().toString(),
                        row.payloadType(), row.payloadRevision(), row.payload(), row.metaData())
                .update();
    }
}
