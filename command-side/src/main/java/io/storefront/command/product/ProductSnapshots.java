package io.storefront.command.product;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Popular products collect many stock events: they load from a snapshot plus the events after it. */
@Configuration(proxyBeanMethods = false)
class ProductSnapshots {

    @Bean
    SnapshotTriggerDefinition productSnapshotTrigger(Snapshotter snapshotter, ProductSettings settings) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, settings.snapshotThreshold());
    }
}
