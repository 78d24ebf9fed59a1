package io.storefront.api.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;

/**
 * How events are stored in PostgreSQL: the tables and columns of Axon's JDBC storage engine and
 * token store, and the JSON their payloads are written in. The command side writes this format and
 * the query side reads it, so both take it from here.
 */
public final class EventStoreFormat {

    private EventStoreFormat() {
    }

    public static EventSchema events() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    public static TokenSchema tokens() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    /** Axon's JDBC storage engine on these tables, for the given connections and serializers. */
    public static JdbcEventStorageEngine.Builder storageEngine(ConnectionProvider connections,
                                                               TransactionManager transactions,
                                                               Serializer eventSerializer,
                                                               Serializer snapshotSerializer) {
        return JdbcEventStorageEngine.builder()
                .schema(events())
                .connectionProvider(connections)
                .transactionManager(transactions)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(snapshotSerializer);
    }

    /** Axon's JDBC token store on {@code token_entry}, claiming segments as {@code owner} (see {@link SegmentSharing}). */
    public static TokenStore tokenStore(ConnectionProvider connections, Serializer serializer, String owner) {
        return JdbcTokenStore.builder()
                .connectionProvider(connections)
                .serializer(serializer)
                .schema(tokens())
                .nodeId(owner)
                .build();
    }

    /**
     * The Jackson 2 mapper behind Axon's serializer (Spring Boot 4's own mapper is Jackson 3, which
     * Axon 4 does not use). Instants are ISO-8601 text, so that stored events read plainly, and fields
     * a reader does not know are skipped, so that an event may gain a field without breaking an older
     * reader.
     */
    public static ObjectMapper objectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
