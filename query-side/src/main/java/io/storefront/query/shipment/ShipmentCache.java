package io.storefront.query.shipment;

import io.storefront.query.ReadCache;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.cache.autoconfigure.RedisCacheManagerBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/** The shipments' cache in Redis, as JSON. */
@Configuration(proxyBeanMethods = false)
class ShipmentCache {

    @Bean
    RedisCacheManagerBuilderCustomizer shipmentCacheSettings(@Value("${storefront.cache.time-to-live}") Duration timeToLive) {
        return ReadCache.of(ShipmentQueryController.CACHE, ShipmentQueryController.CachedShipment.class, timeToLive);
    }
}
