package io.storefront.query.analytics;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
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

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The analytics consumer: reads the read models' change topics in its consumer group and keeps the
 * sales facts. Each polled batch is written in one transaction and its offsets committed after it, so
 * a crash in between reads the batch again, which the facts' upserts make harmless. New topics of the
 * prefix are picked up as they appear.
 */
@Component
@ConditionalOnProperty("storefront.analytics.enabled")
@EnableConfigurationProperties(AnalyticsSettings.class)
public class SalesAnalytics implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SalesAnalytics.class);
    private static final JsonMapper JSON = JsonMapper.shared();

    private final AnalyticsSettings settings;
    private final SalesFacts facts;
    private final TransactionTemplate transaction;
    private KafkaConsumer<String, String> consumer;
    private Thread worker;
    private volatile boolean rebuildAsked;

    SalesAnalytics(AnalyticsSettings settings, SalesFacts facts, TransactionTemplate transaction) {
        this.settings = settings;
        this.facts = facts;
        this.transaction = transaction;
    }

    @Override
    public synchronized void start() {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, settings.group(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // a new group starts from the beginning of every topic: the facts are built from the whole stream
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5_000),
                new StringDeserializer(), new StringDeserializer());
        KafkaConsumer<String, String> reading = consumer;
        worker = new Thread(() -> consume(reading), "sales-analytics");
        worker.start();
    }

    private void consume(KafkaConsumer<String, String> reading) {
        String prefix = Pattern.quote(settings.topicPrefix() + ".public.");
        reading.subscribe(Pattern.compile(prefix + "(order_view|order_line_view|payment_view|stock_level)"));
        try {
            while (!Thread.currentThread().isInterrupted()) {
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
            }
        } catch (WakeupException stopping) {
            // stop() woke the poll up
        } catch (RuntimeException e) {
            log.error("The sales analytics stopped; a restart resumes from the last committed batch", e);
        } finally {
            reading.close();
        }
    }

    /**
     * Builds the facts again from the beginning of every topic: they are forgotten and the consumer
     * reads from the first record, in the worker's own thread, on its next round.
     */
    public void rebuild() {
        rebuildAsked = true;
    }

    private void record(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return;
        }
        JsonNode change = JSON.readTree(record.value());
        String table = record.topic().substring(record.topic().lastIndexOf('.') + 1);
        facts.record(table, change.get("before"), change.get("after"));
    }

    @Override
    public synchronized void stop() {
        if (worker == null) {
            return;
        }
        consumer.wakeup();
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
