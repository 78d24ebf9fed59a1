package io.storefront.command.audit;

import io.storefront.command.ActingAsAdmin;
import io.storefront.command.CommandSideTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.util.Map;
import java.util.UUID;

@CommandSideTest
class AuditTrailTest {

    @Autowired
    RestTestClient http;

    @Test
    void every_event_of_an_aggregate_is_listed_in_order_with_its_payload_and_metadata() {
        String userId = (String) http.post().uri("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                .header("X-Correlation-Id", "audit-1")
                .body(Map.of("password", "correct horse battery", "name", "Rina", "email", "rina-" + UUID.randomUUID() + "@example.com"))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");
        http.put().uri("/api/users/{id}/profile", userId).contentType(MediaType.APPLICATION_JSON)
                .header("X-Correlation-Id", "audit-2")
                .body(Map.of("name", "Rina Wati", "phone", "+6281234567890"))
                .exchange().expectStatus().isNoContent();

        http.get().uri("/api/audit/{id}", userId).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.events.length()").isEqualTo(2)
                .jsonPath("$.events[0].sequenceNumber").isEqualTo(0)
                .jsonPath("$.events[0].aggregateType").isEqualTo("User")
                .jsonPath("$.events[0].type").isEqualTo("UserRegistered")
                .jsonPath("$.events[0].payload.name").isEqualTo("Rina")
                .jsonPath("$.events[0].timestamp").isNotEmpty()
                .jsonPath("$.events[0].metadata.traceId").isEqualTo("audit-1")
                .jsonPath("$.events[0].metadata.correlationId").isNotEmpty()
                .jsonPath("$.events[0].metadata.actingUser").isEqualTo(ActingAsAdmin.ADMIN_ID)
                .jsonPath("$.events[1].type").isEqualTo("UserProfileUpdated")
                .jsonPath("$.events[1].metadata.traceId").isEqualTo("audit-2")
                .jsonPath("$.nextSequence").doesNotExist();
    }

    @Test
    void a_long_trail_comes_in_pages() {
        String userId = (String) http.post().uri("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("password", "correct horse battery", "name", "Rina", "email", "rina-" + UUID.randomUUID() + "@example.com"))
                .exchange().expectBody(Map.class).returnResult().getResponseBody().get("id");
        for (String name : new String[]{"Rina A", "Rina B"}) {
            http.put().uri("/api/users/{id}/profile", userId).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("name", name)).exchange().expectStatus().isNoContent();
        }
        http.get().uri("/api/audit/{id}?limit=2", userId).exchange()
                .expectBody()
                .jsonPath("$.events.length()").isEqualTo(2)
                .jsonPath("$.nextSequence").isEqualTo(2);
        http.get().uri("/api/audit/{id}?fromSequence=2&limit=2", userId).exchange()
                .expectBody()
                .jsonPath("$.events.length()").isEqualTo(1)
                .jsonPath("$.events[0].payload.name").isEqualTo("Rina B");
    }

    @Test
    void an_unknown_aggregate_is_a_404_and_a_bad_page_a_400() {
        http.get().uri("/api/audit/{id}", UUID.randomUUID()).exchange().expectStatus().isNotFound();
        // a later page of it too, found by the fuzz of the API document: it was an empty page
        http.get().uri("/api/audit/{id}?fromSequence=374", UUID.randomUUID()).exchange().expectStatus().isNotFound();
        http.get().uri("/api/audit/{id}?limit=0", UUID.randomUUID()).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("limit");
        http.get().uri("/api/audit/{id}?fromSequence=minus", UUID.randomUUID()).exchange()
                .expectStatus().isBadRequest();
    }
}
