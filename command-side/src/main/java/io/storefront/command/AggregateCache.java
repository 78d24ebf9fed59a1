package io.storefront.command;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Objects;

/**
 * Aggregates kept in memory between commands (Axon's weak-reference cache: for as long as the JVM has
 * room), each checked against the event store before it is used: one indexed read of the aggregate's
 * last sequence number, where loading reads its snapshot and events and applies them. An aggregate that
 * another instance appended to since is dropped here and loaded from the store, so that no instance
 * decides on a state that is no longer the stored one. Axon's lock keeps one unit of work at a time on
 * an aggregate, and drops its entry when that unit of work rolls back.
 */
final class AggregateCache implements Cache {

    private final Cache entries = new WeakReferenceCache();
    private final JdbcClient store;

    AggregateCache(JdbcClient store) {
        this.store = store;
    }

    @Override
    public <K, V> V get(K key) {
        V entry = entries.get(key);
        if (entry instanceof AggregateCacheEntry<?> aggregate && !isCurrent(key, aggregate)) {
            entries.remove(key);
            return null;
        }
        return entry;
    }

    /** Whether the store holds no event of the aggregate after the cached one's last. */
    private boolean isCurrent(Object aggregateId, AggregateCacheEntry<?> entry) {
        // an entry made in this JVM (this cache never serializes one) holds the aggregate itself, given back as is
        Long cached = entry.recreateAggregate(null, null, null, null).version();
        Long stored = store.sql("SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?")
                .param(aggregateId.toString()).query(Long.class).optional().orElse(null);
        return Objects.equals(cached, stored);
    }

    @Override
    public void put(Object key, Object value) {
        entries.put(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return entries.putIfAbsent(key, value);
    }

    @Override
    public boolean remove(Object key) {
        return entries.remove(key);
    }

    @Override
    public void removeAll() {
        entries.removeAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        return entries.registerCacheEntryListener(listener);
    }
}
