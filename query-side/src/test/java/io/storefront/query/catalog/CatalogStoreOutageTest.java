package io.storefront.query.catalog;

import io.storefront.query.CommandSideRunning;
import io.storefront.query.QuerySideTest;
import io.storefront.query.Shop;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The catalog's document store stopped under the running query side and started again: meanwhile the
 * catalog is a 503 to try again and the health says so; after, the catalog's view catches up on what
 * happened meanwhile, with nothing set aside.
 */
@QuerySideTest
class CatalogStoreOutageTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    RestTestClient query;

    @LocalManagementPort
    int managementPort;

    private final Shop shop = new Shop();
    private final String category = "Cat-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void the_catalog_view_catches_up_once_its_store_is_back() {
        shop.product("Kopi Toraja", "Arabica from Sulawesi", category, "85000", 10);
        await().atMost(PATIENCE).until(() -> names().equals(List.of("Kopi Toraja")));

        List<String> made = new ArrayList<>();
        CommandSideRunning.stopMongo();
        try {
            query.get().uri("/api/catalog?category={c}", category).header(HttpHeaders.AUTHORIZATION, "").exchange()
                    .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                    .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5")
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
            health().expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE).expectBody()
                    .jsonPath("$.components.mongo.status").isEqualTo("DOWN");
            // products made while the store is away: the projection waits and tries again
            made.add(shop.product("Kopi Gayo", "Arabica from Aceh", category, "92000", 5));
            made.add(shop.product("Teh Melati", "Jasmine tea", category, "35000", 5));
        } finally {
            CommandSideRunning.startMongo();
        }

        await().atMost(PATIENCE).until(() -> names().equals(List.of("Kopi Gayo", "Kopi Toraja", "Teh Melati")));
        health().expectStatus().isOk().expectBody().jsonPath("$.components.mongo.status").isEqualTo("UP");
        for (String product : made) {
            query.get().uri("/api/admin/projections/catalog-view/dead-letters").exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.letters[?(@.aggregateId == '%s')]".formatted(product)).isEmpty();
        }
    }

    private List<String> names() {
        var response = query.get().uri("/api/catalog?category={c}&sort=name", category).exchange().returnResult(Map.class);
        if (response.getStatus().value() != 200) {
            return List.of();
        }
        return ((List<?>) response.getResponseBody().get("items")).stream().map(item -> (String) ((Map<?, ?>) item).get("name")).toList();
    }

    private RestTestClient.ResponseSpec health() {
        return RestTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build()
                .get().uri("/actuator/health").exchange();
    }
}
