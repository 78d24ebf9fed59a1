package io.storefront.bench;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the checkouts of a measured window cost the platform, read from PostgreSQL's own statistics
 * ({@code pg_stat_database}, {@code pg_stat_statements}) and the services' meters: database transactions,
 * statements, stored events, commands and HTTP requests, divided by the checkouts completed. The
 * benchmark's own queries (marked {@code /* bench *}{@code /}) are left out.
 */
final class CheckoutCost {

    static final String BENCH = "/* bench */ ";

    private final JdbcClient database;
    private final List<ConfigurableApplicationContext> services;
    private final Snapshot start;

    private CheckoutCost(JdbcClient database, List<ConfigurableApplicationContext> services) {
        this.database = database;
        this.services = services;
        database.sql(BENCH + "CREATE EXTENSION IF NOT EXISTS pg_stat_statements").update();
        database.sql(BENCH + "SELECT pg_stat_statements_reset()").query().singleRow();
        this.start = snapshot();
    }

    /** Starts counting now. */
    static CheckoutCost from(JdbcClient database, List<ConfigurableApplicationContext> services) {
        return new CheckoutCost(database, services);
    }

    /** Per checkout since the start, of {@code checkouts} completed; the most frequent statements printed. */
    Map<String, Object> per(int checkouts, int benchTransactions) {
        Snapshot end = snapshot();
        double per = Math.max(1, checkouts);
        Map<String, Object> cost = new LinkedHashMap<>();
        cost.put("transactions/checkout", (end.transactions - start.transactions - benchTransactions) / per);
        List<Statement> statements = statements();
        cost.put("statements/checkout", statements.stream().mapToLong(Statement::calls).sum() / per);
        cost.put("events/checkout", (end.events - start.events) / per);
        cost.put("commands/checkout", (end.commands - start.commands) / per);
        cost.put("HTTP requests/checkout", (end.requests - start.requests) / per);
        System.out.printf("%nStatements per checkout (of %d), the most frequent first:%n", checkouts);
        statements.stream().limit(25).forEach(statement -> System.out.printf("%7.2f  %6.3f ms  %s%n",
                statement.calls() / per, statement.meanMillis(), statement.query()));
        return cost;
    }

    private Snapshot snapshot() {
        long transactions = database.sql(BENCH + "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()")
                .query(Long.class).single();
        long events = database.sql(BENCH + "SELECT coalesce(max(global_index), 0) FROM domain_event_entry").query(Long.class).single();
        return new Snapshot(transactions, events, count("commandBus.successTimer") + count("commandBus.failureTimer"),
                count("http.server.requests"));
    }

    /** Every statement since the start but the benchmark's own, the most frequent first, its text on one line. */
    private List<Statement> statements() {
        return database.sql(BENCH + "SELECT calls, mean_exec_time, regexp_replace(query, '\\s+', ' ', 'g') FROM pg_stat_statements "
                        + "WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                        + "AND query NOT LIKE '/* bench */%' ORDER BY calls DESC")
                .query((row, index) -> new Statement(row.getLong(1), row.getDouble(2),
                        row.getString(3).substring(0, Math.min(140, row.getString(3).length()))))
                .list();
    }

    /** Commands handled (Axon's command bus timers) or requests served, summed over every service and tag. */
    private long count(String timerName) {
        return services.stream().map(service -> service.getBean(MeterRegistry.class))
                .flatMap(registry -> registry.find(timerName).timers().stream())
                .mapToLong(Timer::count)
                .sum();
    }

    private record Snapshot(long transactions, long events, long commands, long requests) {
    }

    private record Statement(long calls, double meanMillis, String query) {
    }
}
