package io.storefront.query.capture;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * @param bootstrapServers the Kafka brokers the changes go to
 * @param topicPrefix      topics are named {@code <prefix>.public.<table>}
 * @param tables           the captured tables
 * @param excludedColumns  personal data that never leaves: {@code <table>.<column>}
 */
@ConfigurationProperties("storefront.capture")
record CaptureSettings(String bootstrapServers, String topicPrefix, List<String> tables,
                       List<String> excludedColumns) {
}
