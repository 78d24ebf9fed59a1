package io.storefront.command.product;

import io.storefront.command.CommandSideTest;
import io.storefront.command.StoredEvents;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@CommandSideTest
class ProductApiTest {

    @Autowired
    RestTestClient http;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StoredEvents stored;

    @Value("${storefront.product.snapshot-threshold}")
    int snapshotThreshold;

    @Test
    void a_product_is_created_and_stocked_and_reserved() {
        String productId = create(uniqueSku());
        post("/api/products/{id}/stock", Map.of("quantity", 10), productId).expectStatus().isNoContent();
        post("/api/products/{id}/reservations", Map.of("orderId", "order-1", "quantity", 4), productId)
                .expectStatus().isNoContent();
        http.post().uri("/api/products/{id}/reservations/{order}/commitment", productId, "order-1").exchange()
                .expectStatus().isNoContent();

        assertThat(stored.types(productId)).containsExactly("ProductCreated", "StockReceived", "StockReserved", "StockCommitted");
    }

    @Test
    void a_malformed_product_is_a_400_naming_each_field() {
        http.post().uri("/api/products").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("sku", "lower-case", "name", "Kopi", "category", "",
                        "price", Map.of("amount", "-1", "currency", "IDR")))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[*].field").value(fields -> assertThat(fields)
                        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                        .containsExactly("category", "price.amount", "sku"));
    }

    @Test
    void an_unknown_currency_is_a_400_naming_the_field() {
        http.post().uri("/api/products").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("sku", uniqueSku(), "name", "Kopi", "category", "Coffee",
                        "price", Map.of("amount", "10", "currency", "XXY")))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("price.currency");
    }

    @Test
    void a_taken_sku_is_a_409() {
        String sku = uniqueSku();
        create(sku);
        http.post().uri("/api/products").contentType(MediaType.APPLICATION_JSON)
                .body(product(sku))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.type").isEqualTo("urn:storefront:problem:conflict");
    }

    @Test
    void a_reservation_beyond_the_stock_is_a_422_and_is_recorded_as_rejected() {
        String productId = create(uniqueSku());
        post("/api/products/{id}/stock", Map.of("quantity", 1), productId).expectStatus().isNoContent();
        post("/api/products/{id}/reservations", Map.of("orderId", "order-1", "quantity", 2), productId)
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(stored.types(productId)).containsExactly("ProductCreated", "StockReceived", "StockReservationRejected");
    }

    @Test
    void stock_for_an_unknown_product_is_a_404() {
        post("/api/products/{id}/stock", Map.of("quantity", 1), UUID.randomUUID().toString())
                .expectStatus().isNotFound();
    }

    @Test
    void an_edit_based_on_a_stale_version_is_a_409_and_changes_nothing() {
        String productId = create(uniqueSku());
        Map<String, String> details = Map.of("name", "Kopi Luwak", "category", "Coffee");
        http.put().uri("/api/products/{id}", productId).header("If-Match", "\"0\"")
                .contentType(MediaType.APPLICATION_JSON).body(details)
                .exchange().expectStatus().isNoContent();
        http.put().uri("/api/products/{id}/price", productId).header("If-Match", "\"0\"")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("price", Map.of("amount", "5", "currency", "USD")))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.type").isEqualTo("urn:storefront:problem:concurrent-modification");
        assertThat(stored.types(productId)).containsExactly("ProductCreated", "ProductDetailsUpdated");
    }

    @Test
    void a_malformed_if_match_is_a_400() {
        String productId = create(uniqueSku());
        http.put().uri("/api/products/{id}", productId).header("If-Match", "yesterday")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("name", "Kopi", "category", "Coffee"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("If-Match");
    }

    @Test
    void a_busy_product_is_snapshotted_and_still_counts_its_stock() {
        String productId = create(uniqueSku());
        for (int i = 0; i < snapshotThreshold; i++) {
            post("/api/products/{id}/stock", Map.of("quantity", 1), productId).expectStatus().isNoContent();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?")
                .param(productId).query(Long.class).single()).isEqualTo(1);

        post("/api/products/{id}/reservations", Map.of("orderId", "order-1", "quantity", snapshotThreshold), productId)
                .expectStatus().isNoContent();
        post("/api/products/{id}/reservations", Map.of("orderId", "order-2", "quantity", 1), productId)
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        // the reservation of order-1 survived the snapshot: reserving again changes nothing
        post("/api/products/{id}/reservations", Map.of("orderId", "order-1", "quantity", snapshotThreshold), productId)
                .expectStatus().isNoContent();
        assertThat(stored.types(productId)).last().isEqualTo("StockReservationRejected");
    }

    private String create(String sku) {
        return (String) http.post().uri("/api/products").contentType(MediaType.APPLICATION_JSON)
                .body(product(sku))
                .exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");
    }

    private static Map<String, Object> product(String sku) {
        return Map.of("sku", sku, "name", "Kopi Toraja", "description", "Single-origin beans", "category", "Coffee",
                "price", Map.of("amount", "85000", "currency", "IDR"));
    }

    private RestTestClient.ResponseSpec post(String uri, Object body, String productId) {
        return http.post().uri(uri, productId).contentType(MediaType.APPLICATION_JSON).body(body).exchange();
    }


    private static String uniqueSku() {
        return "SKU-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }
}
