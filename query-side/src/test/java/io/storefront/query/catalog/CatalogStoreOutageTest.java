package io.storefront.query.catalog;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.storefront.query.QuerySideTest;
import io.storefront.query.Shop;
import org.junit.jupiter.api.AfterAll;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The catalog's document store away and back, the real server stopped and started again on its data: the
 * query side starts without it and serves the other views; the catalog is a 503 to try again and the health
 * names the store; products added meanwhile reach the catalog once the store is back, none set aside.
 */
@QuerySideTest
// a context of its own, closed after: two query sides would share (and race for) the projections' segments
@DirtiesContext
class CatalogStoreOutageTest {

    private static final int PORT = freePort();
    private static final Path DATA = temporaryFile();
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static MongoServer mongo;

    @DynamicPropertySource
    static void aStoreNotYetStarted(DynamicPropertyRegistry properties) {
        properties.add("spring.mongodb.uri", () -> "mongodb://127.0.0.1:" + PORT + "/storefront?serverSelectionTimeoutMS=500");
    }

    @AfterAll
    static void stopTheStore() {
        stop();
    }

    @LocalManagementPort
    int managementPort;

    @Autowired
    RestTestClient query;

    private final Shop shop = new Shop();
    private final String category = "Cat-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void the_catalog_is_a_503_while_its_store_is_away_and_catches_up_when_it_is_back() {
        // away from the start: the other views serve, the catalog and the health say what is wrong
        catalogIsUnavailable();
        query.get().uri("/api/orders").exchange().expectStatus().isOk();
        health().expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE).expectBody()
                .jsonPath("$.status").isEqualTo("DOWN")
                .jsonPath("$.components.mongo.status").isEqualTo("DOWN")
                .jsonPath("$.components.db.status").isEqualTo("UP");
        shop.product("Kopi Toraja", "Arabica from Sulawesi", category, "85000", 10);

        start();
        await().atMost(PATIENCE).until(() -> names().equals(List.of("Kopi Toraja")));
        health().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");

        // away again, on a running query side: added meanwhile, shown once it is back, with what was there before
        stop();
        catalogIsUnavailable();
        shop.product("Kopi Gayo", "Arabica from Aceh", category, "92000", 5);

        start();
        await().atMost(PATIENCE).until(() -> names().equals(List.of("Kopi Gayo", "Kopi Toraja")));
        query.get().uri("/api/admin/projections/catalog-view/dead-letters").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(0);
        health().expectStatus().isOk().expectBody().jsonPath("$.components.mongo.status").isEqualTo("UP");
    }

    private void catalogIsUnavailable() {
        query.get().uri("/api/catalog").header(HttpHeaders.AUTHORIZATION, "").exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private RestTestClient.ResponseSpec health() {
        return RestTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build()
                .get().uri("/actuator/health").exchange();
    }

    @SuppressWarnings("unchecked")
    private List<String> names() {
        var response = query.get().uri("/api/catalog?category={c}&sort=name", category).exchange()
                .returnResult(Map.class);
        if (response.getStatus().value() != 200) {
            return List.of();
        }
        return ((List<Map<String, Object>>) response.getResponseBody().get("items")).stream()
                .map(item -> (String) item.get("name")).toList();
    }

    /** The store on its port and file, as a restarted server comes back: with what it held. */
    private static synchronized void start() {
        mongo = new MongoServer(new H2Backend(DATA.toString()));
        mongo.bind("127.0.0.1", PORT);
    }

    private static synchronized void stop() {
        if (mongo != null) {
            mongo.shutdownNow();
            mongo = null;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path temporaryFile() {
        try {
            Path folder = Files.createTempDirectory("catalog-store");
            folder.toFile().deleteOnExit();
            return folder.resolve("mongo.mv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
