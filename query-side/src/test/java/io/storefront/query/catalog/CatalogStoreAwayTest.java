package io.storefront.query.catalog;

import io.storefront.query.QuerySideTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * With the catalog's document store away, the query side still starts and serves the other views; the
 * catalog is a 503 to try again, and the health says what is wrong: DOWN, and which store.
 */
@QuerySideTest
// a context of its own, closed after: two query sides would share (and race for) the projections' segments
@DirtiesContext
class CatalogStoreAwayTest {

    @DynamicPropertySource
    static void mongoIsGone(DynamicPropertyRegistry properties) {
        properties.add("spring.mongodb.uri", () -> "mongodb://127.0.0.1:" + closedPort() + "/storefront?serverSelectionTimeoutMS=500");
    }

    @LocalManagementPort
    int managementPort;

    @Autowired
    RestTestClient query;

    @Test
    void the_query_side_is_down_and_names_its_document_store() {
        query.get().uri("/api/catalog").header(HttpHeaders.AUTHORIZATION, "").exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        query.get().uri("/api/orders").exchange().expectStatus().isOk();
        RestTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build()
                .get().uri("/actuator/health").exchange().expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE).expectBody()
                .jsonPath("$.status").isEqualTo("DOWN")
                .jsonPath("$.components.mongo.status").isEqualTo("DOWN")
                .jsonPath("$.components.db.status").isEqualTo("UP");
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
