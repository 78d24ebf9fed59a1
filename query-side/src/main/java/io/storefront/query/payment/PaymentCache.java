package io.storefront.query.payment;

import io.storefront.query.ReadCache;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.cache.autoconfigure.RedisCacheManagerBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/** The payments' cache in Redis, as JSON. */
@Configuration(proxyBeanMethods = false)
class PaymentCache {

    @Bean
    RedisCacheManagerBuilderCustomizer paymentCacheSettings(@Value("${storefront.cache.time-to-live}") Duration timeToLive) {
        return ReadCache.of(PaymentQueryController.CACHE, PaymentQueryController.CachedPayment.class, timeToLive);
    }
}
