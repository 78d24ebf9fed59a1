package io.storefront.query.capture;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * @param bootstrapServers the Kafka brokers the changes go to
 * @param topicPrefix      topics are named {@code <prefix>.public.<table>}
 * @param tables           the captured tables
 * @param excludedColumns  personal data that never leaves: {@code <table>.<column>}
 * @param deliveryTimeout  how long a change may wait for Kafka's acknowledgement before its batch fails and
 *                         the connector starts again from its offsets
 * @param slot             the replication slot and publication the connector reads through: one capture per
 *                         slot, and a slot per capture, since a change taken from a slot is gone from it
 */
@ConfigurationProperties("storefront.capture")
record CaptureSettings(String bootstrapServers, String topicPrefix, List<String> tables,
                       List<String> excludedColumns, Duration deliveryTimeout, String slot) {
}
