package io.storefront.query.capture;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/** The analytics consumer group, as the specs watch it. */
final class AnalyticsGroup {

    private AnalyticsGroup() {
    }

    /** The analytics group has read every record on every topic it reads. */
    static void awaitCaughtUp() {
        awaitCaughtUp(EmbeddedKafkaInitializer.bootstrapServers());
    }

    /** As {@link #awaitCaughtUp()}, on the Kafka at {@code bootstrapServers}. */
    static void awaitCaughtUp(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("storefront-analytics")
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = committed.keySet().stream()
                        .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get();
                return !committed.isEmpty() && committed.entrySet().stream()
                        .allMatch(entry -> entry.getValue().offset() >= ends.get(entry.getKey()).offset());
            });
        }
    }
}
