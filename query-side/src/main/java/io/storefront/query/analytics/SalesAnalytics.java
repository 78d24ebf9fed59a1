package io.storefront.query.analytics;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.storefront.query.Restarts;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The analytics consumer: reads the read models' change topics in its consumer group and keeps the
 * sales facts. Each polled batch is written in one transaction and its offsets committed after it, so
 * a crash in between reads the batch again, which the facts' upserts make harmless. New topics of the
 * prefix are picked up as they appear. A change published in a trace is processed in a span of it.
 * A batch that fails (its offsets not committed with Kafka away, or its facts not written with
 * PostgreSQL away) is read again by a new consumer from the committed offsets, after a pause that
 * doubles with each failure in a row, from 1 s up to 30 s.
 */
@Component
@ConditionalOnProperty("storefront.analytics.enabled")
@EnableConfigurationProperties(AnalyticsSettings.class)
public class SalesAnalytics implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SalesAnalytics.class);
    private static final JsonMapper JSON = JsonMapper.shared();
    // a consumer closing while Kafka is away waits no longer to leave its group
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final TextMapGetter<Headers> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            return Arrays.stream(headers.toArray()).map(Header::key).toList();
        }

        @Override
        public String get(Headers headers, String key) {
            Header header = headers == null ? null : headers.lastHeader(key);
            return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private final AnalyticsSettings settings;
    private final SalesFacts facts;
    private final TransactionTemplate transaction;
    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private volatile KafkaConsumer<String, String> consumer;
    private CountDownLatch stopping;
    private Thread worker;
    // in a row, by the worker alone
    private int failures;
    private volatile boolean rebuildAsked;

    SalesAnalytics(AnalyticsSettings settings, SalesFacts facts, TransactionTemplate transaction,
                   OpenTelemetry openTelemetry) {
        this.settings = settings;
        this.facts = facts;
        this.transaction = transaction;
        this.tracer = openTelemetry.getTracer(SalesAnalytics.class.getName());
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    @Override
    public synchronized void start() {
        CountDownLatch stop = stopping = new CountDownLatch(1);
        worker = Thread.ofPlatform().name("sales-analytics").start(() -> consume(stop));
    }

    /** Reads with one consumer after another until stopped: a consumer that fails is closed, and a new one reads on. */
    private void consume(CountDownLatch stop) {
        failures = 0;
        try {
            while (stop.getCount() > 0) {
                KafkaConsumer<String, String> reading = consumer = consumer();
                try {
                    read(reading, stop);
                    return;
                } catch (WakeupException woken) {
                    return;
                } catch (RuntimeException e) {
                    failures++;
                    log.warn("The sales analytics failed ({} in a row): {}; they read again from the last committed batch in {} s",
                            failures, e.toString(), pause().toSeconds());
                } finally {
                    reading.close(CloseOptions.timeout(CLOSE_TIMEOUT));
                }
                if (stop.await(pause().toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, settings.group(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // a new group starts from the beginning of every topic: the facts are built from the whole stream
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5_000),
                new StringDeserializer(), new StringDeserializer());
    }

    /** Polls, writes and commits batch after batch until stopped. */
    private void read(KafkaConsumer<String, String> reading, CountDownLatch stop) {
        String prefix = Pattern.quote(settings.topicPrefix() + ".public.");
        reading.subscribe(Pattern.compile(prefix + "(order_view|order_line_view|payment_view|stock_level)"));
        while (stop.getCount() > 0) {
            if (rebuildAsked && !reading.assignment().isEmpty()) {
                rebuildAsked = false;
                transaction.executeWithoutResult(status -> facts.forgetAll());
                reading.seekToBeginning(reading.assignment());
            }
            ConsumerRecords<String, String> records = reading.poll(Duration.ofSeconds(1));
            if (records.isEmpty()) {
                continue;
            }
            transaction.executeWithoutResult(status -> records.forEach(this::record));
            reading.commitSync();
            if (failures > 0) {
                log.info("The sales analytics read again after {} failure(s)", failures);
                failures = 0;
            }
        }
    }

    /** 1 s after the first failure in a row, doubled after each further one, at most 30 s. */
    private Duration pause() {
        return Restarts.pauseAfter(failures);
    }

    /**
     * Builds the facts again from the beginning of every topic: they are forgotten and the consumer
     * reads from the first record, in the worker's own thread, on its next round.
     */
    public void rebuild() {
        rebuildAsked = true;
    }

    /** A change published in a trace (its {@code traceparent} header) is processed in a span of that trace. */
    private void record(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return;
        }
        Context published = propagator.extract(Context.root(), record.headers(), HEADERS);
        if (!Span.fromContext(published).getSpanContext().isValid()) {
            facts(record);
            return;
        }
        Span processing = tracer.spanBuilder(record.topic() + " process").setParent(published)
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", record.topic())
                .startSpan();
        try (Scope ignored = processing.makeCurrent()) {
            facts(record);
        } catch (RuntimeException e) {
            processing.setStatus(StatusCode.ERROR);
            processing.recordException(e);
            throw e;
        } finally {
            processing.end();
        }
    }

    private void facts(ConsumerRecord<String, String> record) {
        JsonNode change = JSON.readTree(record.value());
        String table = record.topic().substring(record.topic().lastIndexOf('.') + 1);
        facts.record(table, change.get("before"), change.get("after"));
    }

    @Override
    public synchronized void stop() {
        if (worker == null) {
            return;
        }
        stopping.countDown();
        KafkaConsumer<String, String> reading = consumer;
        if (reading != null) {
            reading.wakeup();
        }
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        worker = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return worker != null;
    }
}
