package io.storefront.command;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

/** What the event store holds for an aggregate, read straight from its table. */
public class StoredEvents {

    private final JdbcClient jdbc;

    StoredEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The simple names of the aggregate's event types, in sequence. */
    public List<String> types(String aggregateId) {
        return jdbc.sql("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number")
                .param(aggregateId).query(String.class).list().stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1))
                .toList();
    }

    /** The aggregate's event payloads as stored JSON, in sequence. */
    public List<String> payloads(String aggregateId) {
        return jdbc.sql("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ? "
                        + "ORDER BY sequence_number")
                .param(aggregateId).query(String.class).list();
    }

    /** One metadata entry of each of the aggregate's events, in sequence. */
    public List<String> metadata(String aggregateId, String key) {
        return jdbc.sql("SELECT convert_from(meta_data, 'UTF8')::json ->> ? FROM domain_event_entry "
                        + "WHERE aggregate_identifier = ? ORDER BY sequence_number")
                .params(key, aggregateId).query(String.class).list();
    }

    /** How many events hold the text anywhere, in payload or metadata. */
    public long containing(String text) {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE position(? in convert_from(payload, 'UTF8')) > 0 "
                        + "OR position(? in convert_from(meta_data, 'UTF8')) > 0")
                .params(text, text).query(Long.class).single();
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
    }
}
