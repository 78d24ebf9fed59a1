package io.storefront.command;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.RepositoryProvider;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Objects;

/**
 * Aggregates kept in memory between commands (Axon's weak-reference cache: for as long as the JVM has
 * room), each checked against the event store before it is used: one indexed read of the aggregate's
 * last sequence number, where loading reads its snapshot and events and applies them. An aggregate that
 * another instance appended to since is dropped here and loaded from the store, so that no instance
 * decides on a state that is no longer the stored one. Axon's lock keeps one unit of work at a time on
 * an aggregate, and drops its entry when that unit of work rolls back. One cache serves every aggregate
 * type, so an entry is only given to a repository of its own type: a product command aimed at an order's
 * id loads from the store, and is refused there, as it would be without the cache.
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
        if (entry instanceof Typed<?> typed && !isCurrent(key, typed.version())) {
            entries.remove(key);
            return null;
        }
        return entry;
    }

    /** Whether the store holds no event of the aggregate after the cached one's last. */
    private boolean isCurrent(Object aggregateId, Long cachedVersion) {
        Long stored = store.sql("SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?")
                .param(aggregateId.toString()).query(Long.class).optional().orElse(null);
        return Objects.equals(cachedVersion, stored);
    }

    @Override
    public void put(Object key, Object value) {
        entries.put(key, Typed.of(value));
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return entries.putIfAbsent(key, Typed.of(value));
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

    /** An entry that gives its aggregate only to a repository of the aggregate's type; to others, nothing. */
    private static final class Typed<T> extends AggregateCacheEntry<T> {

        private final transient EventSourcedAggregate<T> aggregate;

        private Typed(EventSourcedAggregate<T> aggregate) {
            super(aggregate);
            this.aggregate = aggregate;
        }

        private static Object of(Object value) {
            // an entry made in this JVM (this cache never serializes one) gives back the aggregate itself
            return value instanceof AggregateCacheEntry<?> entry && !(value instanceof Typed<?>)
                    ? new Typed<>(entry.recreateAggregate(null, null, null, null)) : value;
        }

        Long version() {
            return aggregate.version();
        }

        @Override
        public EventSourcedAggregate<T> recreateAggregate(AggregateModel<T> model, EventStore eventStore,
                                                          RepositoryProvider repositoryProvider,
                                                          SnapshotTriggerDefinition snapshotTriggerDefinition) {
            // null: the repository loads from the store instead
            return model.entityClass().isInstance(aggregate.getAggregateRoot()) ? aggregate : null;
        }
    }
}
