package io.storefront.query;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.cache.autoconfigure.RedisCacheManagerBuilderCustomizer;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.serializer.JacksonJsonRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializationContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Hot reads of a view, kept in Redis for a while ({@code spring.cache.redis.time-to-live}) and forgotten
 * when the projection changes them. Redis is a help, never a need: when it cannot be reached, reads go
 * to the view and projections carry on, and the time to live bounds how stale an entry forgotten
 * meanwhile can be.
 */
@Component
public class ReadCache {

    private static final Logger log = LoggerFactory.getLogger(ReadCache.class);

    private final CacheManager caches;
    private final AtomicBoolean unreachable = new AtomicBoolean();

    ReadCache(CacheManager caches) {
        this.caches = caches;
    }

    /** The cached entry, or the view's (cached when {@code keep} says so); the view's alone without Redis. */
    public <V> Optional<V> read(String cache, String key, Class<V> type, Supplier<Optional<V>> fromView,
                                Predicate<V> keep) {
        Optional<V> cached;
        try {
            cached = Optional.ofNullable(cache(cache).get(key, type));
            reachable();
        } catch (RuntimeException e) {
            unreachable(e);
            return fromView.get();
        }
        if (cached.isPresent()) {
            return cached;
        }
        Optional<V> read = fromView.get();
        read.filter(keep).ifPresent(value -> safely(() -> cache(cache).put(key, value)));
        return read;
    }

    /** A cache of {@code type} entries kept as JSON for {@code timeToLive}, for Boot's Redis cache manager. */
    public static RedisCacheManagerBuilderCustomizer of(String cache, Class<?> type, Duration timeToLive) {
        return builder -> builder.withCacheConfiguration(cache, RedisCacheConfiguration.defaultCacheConfig()
                .entryTtl(timeToLive)
                .prefixCacheNameWith("query:")
                .serializeValuesWith(RedisSerializationContext.SerializationPair.fromSerializer(
                        new JacksonJsonRedisSerializer<>(type))));
    }

    /** Forgets an entry once the projection's transaction commits: a read in between would cache the old row. */
    public void forget(String cache, String key) {
        afterCommit(() -> cache(cache).evict(key));
    }

    /** Forgets a whole cache, for a view rebuilt from the start. */
    public void forgetAll(String cache) {
        afterCommit(() -> cache(cache).clear());
    }

    private void afterCommit(Runnable change) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    safely(change);
                }
            });
        } else {
            safely(change);
        }
    }

    private Cache cache(String name) {
        return Objects.requireNonNull(caches.getCache(name), name);
    }

    /** Does what Redis can do now; without Redis, nothing. */
    private void safely(Runnable change) {
        try {
            change.run();
            reachable();
        } catch (RuntimeException e) {
            unreachable(e);
        }
    }

    /** Says so once when Redis goes, and once when it is back. */
    private void unreachable(RuntimeException e) {
        if (unreachable.compareAndSet(false, true)) {
            log.warn("Redis cannot be reached, reads go to the views until it can: {}", e.getMessage());
        }
    }

    private void reachable() {
        if (unreachable.compareAndSet(true, false)) {
            log.info("Redis answers again: hot reads are cached again");
        }
    }
}
