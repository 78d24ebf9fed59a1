package io.storefront.api.store;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Spreads each processor's segments over the instances that run it. Axon's processors claim every
 * segment they can: the instance that starts first takes them all, and one started beside it would
 * stand idle. So each instance says every few seconds, in {@code processor_instance} beside the tokens,
 * which processors it runs; one that holds more than its share of a processor's segments (the
 * segments divided by the live instances, rounded up) lets one go for a while, and an idle instance
 * claims it. An instance that stops or dies stops saying so, and the others take its segments back
 * once its claims expire (Axon's claim timeout, 10 s). The claims themselves stay Axon's: a segment is
 * only ever processed by the instance whose name is on its token ({@link #owner()}).
 */
@EnableConfigurationProperties(SegmentSharing.Settings.class)
public class SegmentSharing implements SmartLifecycle {

    /**
     * {@code storefront.processing.owner}: the name this instance claims segments under. By default the
     * JVM's, {@code pid@host} as Axon names it, which tells apart instances in processes or containers
     * of their own; instances that share a JVM (as tests run them) need one each.
     */
    @ConfigurationProperties("storefront.processing")
    public record Settings(String owner) {
    }

    private static final Logger log = LoggerFactory.getLogger(SegmentSharing.class);
    private static final Duration EVERY = Duration.ofSeconds(5);
    /**
     * An instance is counted if it spoke in about the last round. Counting one too few only leaves the
     * segments unevenly spread for a while; counting a dead one would release segments nobody takes, as
     * after a crash and a restart, when the dead instance's last word is still recent.
     */
    private static final Duration LIVE_WITHIN = EVERY.multipliedBy(3).dividedBy(2);
    /** How long a released segment waits for another instance to claim it. */
    private static final Duration RELEASED_FOR = EVERY.multipliedBy(3);

    private final String owner;
    private final JdbcClient jdbc;
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private ScheduledExecutorService rounds;

    public SegmentSharing(Settings settings, DataSource dataSource, ObjectProvider<EventProcessingConfiguration> processing) {
        this.owner = settings.owner() == null || settings.owner().isBlank()
                ? ManagementFactory.getRuntimeMXBean().getName() : settings.owner();
        this.jdbc = JdbcClient.create(dataSource);
        this.processing = processing;
    }

    /** The name this instance claims segments under. */
    public String owner() {
        return owner;
    }

    @Override
    public void start() {
        rounds = Executors.newSingleThreadScheduledExecutor(task -> Thread.ofPlatform().daemon().name("segment-sharing").unstarted(task));
        rounds.scheduleWithFixedDelay(this::round, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        rounds.shutdownNow();
        rounds = null;
        try {
            jdbc.sql("DELETE FROM processor_instance WHERE owner = ?").param(owner).update();
        } catch (RuntimeException e) {
            log.debug("Could not say that {} stops: the others see it gone after {}", owner, LIVE_WITHIN, e);
        }
    }

    @Override
    public boolean isRunning() {
        return rounds != null;
    }

    private void round() {
        try {
            Map<String, StreamingEventProcessor> running = processing.getObject().eventProcessors().entrySet().stream()
                    .filter(entry -> entry.getValue() instanceof StreamingEventProcessor processor && processor.isRunning())
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> (StreamingEventProcessor) entry.getValue()));
            running.keySet().forEach(this::alive);
            Map<String, Integer> instances = liveInstances();
            running.forEach((name, processor) -> shareOf(name, processor, instances.getOrDefault(name, 1)));
        } catch (RuntimeException e) {
            // the database away: the segments stay where they are until it is back
            log.debug("Could not share the segments this round", e);
        }
    }

    private void alive(String processorName) {
        jdbc.sql("""
                        INSERT INTO processor_instance (processor_name, owner, seen_at) VALUES (?, ?, now())
                        ON CONFLICT (processor_name, owner) DO UPDATE SET seen_at = now()""")
                .params(processorName, owner).update();
    }

    private Map<String, Integer> liveInstances() {
        jdbc.sql("DELETE FROM processor_instance WHERE seen_at < now() - interval '1 day'").update();
        return jdbc.sql("""
                        SELECT processor_name, count(*) AS instances FROM processor_instance
                        WHERE seen_at > now() - make_interval(secs => ?) GROUP BY processor_name""")
                .param(LIVE_WITHIN.toMillis() / 1000.0)
                .query((row, n) -> Map.entry(row.getString("processor_name"), row.getInt("instances")))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private void shareOf(String name, StreamingEventProcessor processor, int instances) {
        int segments = processing.getObject().tokenStore(name).fetchSegments(name).length;
        int share = Math.ceilDiv(segments, instances);
        List<Integer> held = processor.processingStatus().keySet().stream().sorted().toList();
        if (held.size() > share) {
            int released = held.getLast();
            log.info("{} holds {} of {}'s {} segments, more than its share among {} instances: releasing segment {}",
                    owner, held.size(), name, segments, instances, released);
            processor.releaseSegment(released, RELEASED_FOR.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
