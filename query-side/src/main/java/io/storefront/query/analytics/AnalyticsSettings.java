package io.storefront.query.analytics;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param bootstrapServers the Kafka brokers the read models' changes are on
 * @param topicPrefix      the capture's topic prefix
 * @param group            the consumer group, whose committed offsets say how far the facts go
 */
@ConfigurationProperties("storefront.analytics")
record AnalyticsSettings(String bootstrapServers, String topicPrefix, String group) {
}
