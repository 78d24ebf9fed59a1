package io.storefront.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storefront.api.user.UserRegistered;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@CommandSideTest
class EventStoreTest {

    @Autowired
    RestTestClient http;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventStore eventStore;

    @Autowired
    ObjectMapper axonObjectMapper;

    @Test
    void events_are_stored_as_json_with_correlation_causation_and_acting_user() throws Exception {
        String userId = (String) http.post().uri("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                .header("X-Correlation-Id", "checkout-42")
                .body(Map.of("password", "correct horse battery", "name", "Ayu", "email", "ayu-" + UUID.randomUUID() + "@example.com"))
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals("X-Correlation-Id", "checkout-42")
                .expectBody(Map.class).returnResult().getResponseBody().get("id");

        var row = jdbc.sql("SELECT convert_from(payload, 'UTF8') AS payload, convert_from(meta_data, 'UTF8') AS meta "
                        + "FROM domain_event_entry WHERE aggregate_identifier = ?")
                .param(userId).query().singleRow();
        JsonNode payload = axonObjectMapper.readTree((String) row.get("payload"));
        JsonNode metaData = axonObjectMapper.readTree((String) row.get("meta"));

        assertThat(payload.get("userId").asText()).isEqualTo(userId);
        assertThat(payload.get("registeredAt").isTextual()).as("instants are ISO-8601 text").isTrue();
        // Axon's names: traceId is the whole conversation, correlationId the direct cause (the command)
        assertThat(metaData.get("traceId").asText()).isEqualTo("checkout-42");
        assertThat(metaData.get("correlationId").asText()).isNotBlank().isNotEqualTo("checkout-42");
        assertThat(metaData.get("actingUser").asText()).isEqualTo(ActingAsAdmin.ADMIN_ID);
    }

    @Test
    void a_second_append_at_the_same_sequence_number_is_refused_as_a_concurrent_modification() {
        String aggregateId = UUID.randomUUID().toString();
        append(event(aggregateId, 0));
        append(event(aggregateId, 1));

        assertThatThrownBy(() -> append(event(aggregateId, 1))).isInstanceOf(ConcurrencyException.class);
        assertThat(eventStore.readEvents(aggregateId).asStream().map(DomainEventMessage::getSequenceNumber))
                .containsExactly(0L, 1L);
    }

    private void append(DomainEventMessage<?> event) {
        DefaultUnitOfWork.startAndGet(null).execute(() -> eventStore.publish(event));
    }

    private static DomainEventMessage<?> event(String aggregateId, long sequence) {
        return new GenericDomainEventMessage<>("User", aggregateId, sequence,
                new UserRegistered(aggregateId, "Ayu", aggregateId + "@example.com", null, Instant.EPOCH));
    }
}
