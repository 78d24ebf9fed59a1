package io.storefront.query.analytics;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param enabled          whether this instance keeps the sales facts (one consumer group for all instances)
 * @param bootstrapServers the Kafka brokers the read models' changes are on
 * @param topicPrefix      the capture's topic prefix
 * @param group            the consumer group, whose committed offsets say how far the facts go
 */
@ConfigurationProperties("storefront.analytics")
record AnalyticsSettings(boolean enabled, String bootstrapServers, String topicPrefix, String group) {
}
