package io.storefront.query.capture;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.Json;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.storefront.query.Restarts;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Streams every insert, update and delete of the read models to Kafka, as Debezium does in production:
 * its PostgreSQL connector (pgoutput, a publication of the captured tables only) inside this process,
 * one topic per table, keyed by primary key, JSON values with before, after and source position.
 * A batch of changes counts as captured only once Kafka has acknowledged all of it; the connector's
 * offsets are kept in Kafka, so that a restart resumes where the last acknowledged batch ended.
 * A change made in a trace is published in a span of it, which the record's {@code traceparent} header
 * carries on.
 * <p>
 * Kafka or PostgreSQL away stops the connector once its own retries are spent, or once Kafka has not
 * acknowledged a batch within {@link CaptureSettings#deliveryTimeout()}: it is started again after a
 * pause that doubles with each failure in a row, from 1 s up to 30 s, and resumes from its offsets in
 * Kafka. A batch Kafka did not acknowledge is sent again, so a change may be on its topic twice but is
 * never missing; the analytics' upserts make the second one harmless.
 */
@Component
@ConditionalOnProperty("storefront.capture.enabled")
@EnableConfigurationProperties(CaptureSettings.class)
public class ReadModelCapture implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReadModelCapture.class);
    static final String NAME = "storefront_read_models";
    // unacknowledged changes are not waited for longer when stopping: the next start sends them again
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    // from a change committed to Kafka's acknowledgement of it: well under a second when the capture keeps up
    private static final Duration[] LAG_BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5)};
    private static final JsonMapper JSON = JsonMapper.shared();
    // the captured tables' column of the trace that wrote the row (query side's V9), a W3C traceparent
    private static final String TRACE_PARENT = "trace_parent";
    // a row as it stands when the capture starts afresh: no change, so no span, in however old a trace
    private static final String SNAPSHOT_READ = "r";
    private static final TextMapGetter<String> ROW = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String traceParent) {
            return List.of("traceparent");
        }

        @Override
        public String get(String traceParent, String key) {
            return "traceparent".equals(key) ? traceParent : null;
        }
    };

    private final CaptureSettings settings;
    private final DataSourceProperties database;
    private final Timer lag;
    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private Thread runner;
    private CountDownLatch stopping;
    private volatile DebeziumEngine<ChangeEvent<String, String>> engine;
    private volatile Outage outage;
    private volatile boolean failedThisRun;
    private KafkaProducer<String, String> producer;

    ReadModelCapture(CaptureSettings settings, DataSourceProperties database, MeterRegistry registry,
                     OpenTelemetry openTelemetry) {
        this.settings = settings;
        this.database = database;
        this.tracer = openTelemetry.getTracer(ReadModelCapture.class.getName());
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
        this.lag = Timer.builder("storefront.capture.lag").description("from a change's commit in PostgreSQL to Kafka's acknowledgement")
                .serviceLevelObjectives(LAG_BUCKETS).register(registry);
    }

    @Override
    public synchronized void start() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                // while Kafka is away a send waits this long at most, and an unacknowledged change fails the
                // batch after it: the connector then starts again, rather than hanging (or a stop with it)
                ProducerConfig.MAX_BLOCK_MS_CONFIG, settings.deliveryTimeout().toMillis(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Math.toIntExact(settings.deliveryTimeout().toMillis()),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.toIntExact(requestTimeout().toMillis())),
                new StringSerializer(), new StringSerializer());
        outage = null;
        CountDownLatch stop = stopping = new CountDownLatch(1);
        runner = Thread.ofPlatform().name("read-model-capture").start(() -> capture(stop));
        log.info("Capturing {} to Kafka at {}", settings.tables(), settings.bootstrapServers());
    }

    /** A third of the delivery timeout: a change is sent more than once before its batch fails. */
    private Duration requestTimeout() {
        return settings.deliveryTimeout().dividedBy(3);
    }

    /**
     * Runs the connector until the capture is stopped: a connector that stops by itself has failed, and
     * runs again after a pause.
     */
    private void capture(CountDownLatch stop) {
        try {
            while (stop.getCount() > 0) {
                failedThisRun = false;
                engine = DebeziumEngine.create(Json.class)
                        .using(connector())
                        .notifying(this::publish)
                        .using(new DebeziumEngine.ConnectorCallback() {
                            @Override
                            public void pollingStarted() {
                                resumed();
                            }
                        })
                        .using((success, message, error) -> ended(stop, message, error))
                        .build();
                engine.run();
                if (stop.getCount() > 0 && stop.await(outage.pause().toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Called once the connector has stopped: closed by {@link #stop()}, or by itself, which is a failure. */
    private void ended(CountDownLatch stop, String message, Throwable error) {
        if (stop.getCount() == 0) {
            return;
        }
        if (!failedThisRun) {
            failed(error == null ? message : describe(error));
        }
        // the engine has logged the stack trace already
        log.warn("Change capture stopped ({} in a row): {}; it starts again in {} s from its offsets in Kafka",
                outage.failures(), outage.reason(), outage.pause().toSeconds());
    }

    /**
     * Counts a failure of this run of the connector: told by a batch Kafka did not take, at once (the health says
     * so then, while the connector takes its time to stop), or else by the connector stopping.
     */
    private void failed(String reason) {
        Outage previous = outage;
        outage = previous == null ? new Outage(1, Instant.now(), reason) : previous.again(reason);
        failedThisRun = true;
    }

    /** Kafka and PostgreSQL answered: the offsets are read and the connector streams. */
    private void resumed() {
        Outage ended = outage;
        if (ended != null) {
            outage = null;
            log.info("Change capture resumed after {} failure(s) since {}", ended.failures(), ended.since());
        }
    }

    private static String describe(Throwable error) {
        StringBuilder reason = new StringBuilder(error.toString());
        for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
            reason.append(" <- ").append(cause);
        }
        return reason.toString();
    }

    /** The capture's failures in a row, until it streams again; null while it streams. */
    Outage outage() {
        return outage;
    }

    /**
     * Failures in a row of the capture.
     *
     * @param failures how many in a row
     * @param since    when the first of them happened
     * @param reason   the last one's error
     */
    record Outage(int failures, Instant since, String reason) {

        Outage again(String reason) {
            return new Outage(failures + 1, since, reason);
        }

        /** The pause before the next start: 1 s, doubled after each failure in a row, at most 30 s. */
        Duration pause() {
            return Restarts.pauseAfter(failures);
        }
    }

    /** Sends a batch to Kafka and marks it captured once every record of it is acknowledged. */
    private void publish(List<ChangeEvent<String, String>> changes,
                         DebeziumEngine.RecordCommitter<ChangeEvent<String, String>> committer)
            throws InterruptedException {
        List<JsonNode> values = new ArrayList<>(changes.size());
        List<Future<RecordMetadata>> sent = new ArrayList<>(changes.size());
        for (ChangeEvent<String, String> change : changes) {
            JsonNode value = change.value() == null ? null : JSON.readTree(change.value());
            values.add(value);
            sent.add(send(change, value));
        }
        try {
            for (int i = 0; i < changes.size(); i++) {
                sent.get(i).get();
                timeSinceCommit(values.get(i));
                committer.markProcessed(changes.get(i));
            }
        } catch (ExecutionException e) {
            // not acknowledged: the engine stops here and a restart captures the batch again
            IllegalStateException failure = new IllegalStateException("Kafka did not take a change of the read models", e.getCause());
            failed(describe(failure));
            throw failure;
        }
        committer.markBatchFinished();
    }

    /**
     * A change a projection made while handling a traced event (its row's {@code trace_parent}) is
     * published in a span of that trace, until Kafka acknowledges it, and its record's headers carry the
     * trace on. The column itself stays home: the records look as they did before it.
     */
    private Future<RecordMetadata> send(ChangeEvent<String, String> change, JsonNode value) {
        if (value == null) {
            return producer.send(new ProducerRecord<>(change.destination(), change.key(), null));
        }
        if (value.get("before") instanceof ObjectNode before) {
            before.remove(TRACE_PARENT);
        }
        String traceParent = null;
        if (value.get("after") instanceof ObjectNode after && after.remove(TRACE_PARENT) instanceof JsonNode column
                && column.isString() && !SNAPSHOT_READ.equals(value.path("op").asString())) {
            traceParent = column.asString();
        }
        ProducerRecord<String, String> record = new ProducerRecord<>(change.destination(), change.key(), JSON.writeValueAsString(value));
        if (traceParent == null) {
            return producer.send(record);
        }
        Context written = propagator.extract(Context.root(), traceParent, ROW);
        Span publishing = tracer.spanBuilder(change.destination() + " publish").setParent(written)
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", change.destination())
                .startSpan();
        propagator.inject(written.with(publishing), record.headers(),
                (headers, key, header) -> headers.add(key, header.getBytes(StandardCharsets.UTF_8)));
        return producer.send(record, (acknowledged, error) -> {
            if (error != null) {
                publishing.setStatus(StatusCode.ERROR);
                publishing.recordException(error);
            }
            publishing.end();
        });
    }

    /** The record's source timestamp is the commit time of its transaction; a delete's tombstone has no value. */
    private void timeSinceCommit(JsonNode value) {
        if (value != null) {
            JsonNode committedAt = value.path("source").path("ts_ms");
            if (committedAt.isNumber()) {
                lag.record(Duration.ofMillis(Math.max(0, System.currentTimeMillis() - committedAt.longValue())));
            }
        }
    }

    Properties connector() {
        URI url = URI.create(database.determineUrl().substring("jdbc:".length()));
        Properties properties = new Properties();
        properties.put("name", NAME);
        properties.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        properties.put("database.hostname", url.getHost());
        properties.put("database.port", Integer.toString(url.getPort() == -1 ? 5432 : url.getPort()));
        properties.put("database.dbname", url.getPath().substring(1));
        properties.put("database.user", database.determineUsername());
        properties.put("database.password", database.determinePassword() == null ? "" : database.determinePassword());
        properties.put("plugin.name", "pgoutput");
        properties.put("slot.name", settings.slot());
        properties.put("publication.name", settings.slot());
        // the publication holds the captured tables and nothing else
        properties.put("publication.autocreate.mode", "filtered");
        properties.put("topic.prefix", settings.topicPrefix());
        properties.put("table.include.list", qualified(settings.tables()));
        properties.put("column.exclude.list", qualified(settings.excludedColumns()));
        // a lost connection fails the connector at once, rather than being retried inside it without end and
        // unseen: this capture starts it again itself, after pauses that double, and its health says so meanwhile
        properties.put("errors.max.retries", "0");
        // the connector hands changes over every 500 ms by default: most of the lag B5 measured under load
        properties.put("poll.interval.ms", "100");
        // amounts stay exact decimals, written as strings
        properties.put("decimal.handling.mode", "string");
        properties.put("key.converter.schemas.enable", "false");
        properties.put("value.converter.schemas.enable", "false");
        properties.put("offset.storage", "org.apache.kafka.connect.storage.KafkaOffsetBackingStore");
        properties.put("offset.storage.topic", settings.topicPrefix() + ".capture-offsets");
        properties.put("offset.storage.partitions", "1");
        properties.put("offset.storage.replication.factor", "1");
        properties.put("bootstrap.servers", settings.bootstrapServers());
        properties.put("offset.flush.interval.ms", "1000");
        // the offsets' own producer, consumer and admin client wait for Kafka no longer than the changes' producer
        // does: a flush of the offsets while Kafka is away would hold the connector for a minute, and a stop with it
        properties.put("max.block.ms", Long.toString(settings.deliveryTimeout().toMillis()));
        properties.put("default.api.timeout.ms", Long.toString(settings.deliveryTimeout().toMillis()));
        properties.put("request.timeout.ms", Long.toString(requestTimeout().toMillis()));
        return properties;
    }

    private static String qualified(List<String> names) {
        return names.stream().map(name -> "public." + name).collect(Collectors.joining(","));
    }

    @Override
    public synchronized void stop() {
        if (runner == null) {
            return;
        }
        stopping.countDown();
        try {
            // the engine refuses to close while it starts its tasks (and once it closes or has failed): it is
            // asked again until the runner, which starts no other once stopping, is done
            do {
                close(engine);
            } while (!runner.join(Duration.ofMillis(100)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            producer.close(CLOSE_TIMEOUT);
            runner = null;
        }
    }

    private static void close(DebeziumEngine<ChangeEvent<String, String>> engine) {
        if (engine == null) {
            return;
        }
        try {
            engine.close();
        } catch (IllegalStateException notNow) {
            // starting its tasks, closing or closed
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return runner != null;
    }
}
