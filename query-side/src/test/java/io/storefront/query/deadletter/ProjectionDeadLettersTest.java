package io.storefront.query.deadletter;

import io.micrometer.core.instrument.MeterRegistry;
import io.storefront.api.user.UserProfileUpdated;
import io.storefront.api.user.UserRegistered;
import io.storefront.query.QuerySideTest;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A projection given events it cannot apply sets them aside, each aggregate's in order, and goes on with
 * the other users; once what made them fail is mended, an administrator's retry applies them.
 */
@QuerySideTest
class ProjectionDeadLettersTest {

    private static final String LETTERS = "/api/admin/projections/users-view/dead-letters";

    @Autowired
    RestTestClient query;

    @Autowired
    EventStore events;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry registry;

    @Test
    void events_the_users_view_cannot_apply_are_set_aside_and_applied_again_on_retry() {
        String tooLong = UUID.randomUUID().toString();
        String withNul = UUID.randomUUID().toString();
        String after = UUID.randomUUID().toString();
        // stored as no command would store them any more: a name over the view's 100 characters, and one with U+0000
        publish(tooLong, 0, new UserRegistered(tooLong, "Siti ".repeat(30), "siti@example.com", null, Instant.now()));
        publish(tooLong, 1, new UserProfileUpdated(tooLong, "Siti Rahma", null));
        publish(withNul, 0, new UserRegistered(withNul, "Budi\u0000", "budi@example.com", null, Instant.now()));
        publish(after, 0, new UserRegistered(after, "Dewi Lestari", "dewi@example.com", null, Instant.now()));

        await().atMost(Duration.ofSeconds(60)).until(() -> status("/api/users/" + after) == 200);
        await().atMost(Duration.ofSeconds(30)).until(() -> letters().get("total").equals(3));
        query.get().uri(LETTERS).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.letters[?(@.aggregateId == '%s')].eventType".formatted(tooLong))
                .isEqualTo(List.of("UserRegistered", "UserProfileUpdated"))
                .jsonPath("$.letters[?(@.aggregateId == '%s' && @.eventType == 'UserRegistered')].causeType".formatted(tooLong))
                .isEqualTo(List.of("org.springframework.dao.DataIntegrityViolationException"))
                .jsonPath("$.letters[?(@.aggregateId == '%s' && @.eventType == 'UserRegistered')].attempts".formatted(tooLong))
                .isEqualTo(List.of(1))
                .jsonPath("$.letters[?(@.eventType == 'UserProfileUpdated')].cause")
                .isEqualTo(Collections.singletonList(null))
                .jsonPath("$.letters[?(@.aggregateId == '%s')].causeType".formatted(withNul))
                .isEqualTo(List.of("org.springframework.dao.DataIntegrityViolationException"));
        assertThat(status("/api/users/" + tooLong)).isEqualTo(404);
        assertThat(registry.get("storefront.processor.dead.letters").tag("processor", "users-view").gauge().value())
                .isEqualTo(3);

        // the operator mends the view; the name with U+0000 cannot be mended and stays, tried once more
        jdbc.sql("ALTER TABLE user_view ALTER COLUMN name TYPE VARCHAR(200)").update();
        query.post().uri(LETTERS + "/retry").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.aggregatesHandled").isEqualTo(1)
                .jsonPath("$.stillSetAside").isEqualTo(1);

        query.get().uri("/api/users/{id}", tooLong).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.name").isEqualTo("Siti Rahma");
        query.get().uri(LETTERS).exchange().expectBody()
                .jsonPath("$.letters[*].aggregateId").isEqualTo(List.of(withNul))
                .jsonPath("$.letters[0].attempts").isEqualTo(2);
        query.get().uri("/api/admin/projections/no-such-view/dead-letters").exchange().expectStatus().isNotFound();
    }

    private void publish(String userId, long sequence, Object event) {
        events.publish(new GenericDomainEventMessage<>("User", userId, sequence, event));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> letters() {
        return query.get().uri(LETTERS).exchange().expectBody(Map.class).returnResult().getResponseBody();
    }

    private int status(String path) {
        return query.get().uri(path).exchange().returnResult().getStatus().value();
    }
}
