package io.storefront.query.catalog;

import io.storefront.query.Shop;
import io.storefront.query.QuerySideTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuerySideTest
class CatalogSearchTest {

    @Autowired
    RestTestClient query;

    @Autowired
    MongoTemplate mongo;

    private final Shop shop = new Shop();

    /** A category of its own, so that other tests' products do not show up. */
    private String category;

    @BeforeEach
    void stockTheShelves() {
        category = "Cat-" + UUID.randomUUID().toString().substring(0, 8);
        product("Kopi Toraja", "Arabica from Sulawesi", "85000", 10);
        product("Kopi Gayo", "Arabica from Aceh", "92000", 0);
        product("Teh Melati", "Jasmine tea with a coffee-free finish", "35000", 5);
        String discontinued = product("Kopi Lama", "An old blend", "50000", 3);
        shop.commands().post().uri("/api/products/{id}/discontinuation", discontinued).exchange().expectStatus().isNoContent();
        // the catalog learns of products and of their stock from separate events: wait for both
        await().atMost(Duration.ofSeconds(30)).until(() -> names("category=" + category + "&sort=name").size() == 3
                && names("category=" + category + "&inStock=true").size() == 2);
    }

    @Test
    void words_are_found_in_names_and_descriptions_whatever_their_case() {
        assertThat(names("category=" + category + "&q=KOPI")).containsExactly("Kopi Gayo", "Kopi Toraja");
        assertThat(names("category=" + category + "&q=sulawesi")).containsExactly("Kopi Toraja");
        assertThat(names("category=" + category + "&q=coffee-free")).containsExactly("Teh Melati");
    }

    @Test
    void a_price_range_in_stock_only_and_sorted_by_price() {
        assertThat(names("category=" + category + "&minPrice=40000&maxPrice=100000&currency=IDR&sort=-price"))
                .containsExactly("Kopi Gayo", "Kopi Toraja");
        assertThat(names("category=" + category + "&inStock=true&sort=price")).containsExactly("Teh Melati", "Kopi Toraja");
    }

    @Test
    void a_bound_between_two_minor_units_keeps_the_range_inside_it() {
        assertThat(names("category=" + category + "&minPrice=85000.001&currency=IDR")).containsExactly("Kopi Gayo");
        assertThat(names("category=" + category + "&maxPrice=84999.999&currency=IDR")).containsExactly("Teh Melati");
    }

    @Test
    void results_come_in_pages_and_discontinued_products_are_not_shown() {
        query.get().uri("/api/catalog?category={c}&size=2&page=1&sort=name", category).exchange()
                .expectBody()
                .jsonPath("$.totalItems").isEqualTo(3)
                .jsonPath("$.items.length()").isEqualTo(1)
                .jsonPath("$.items[0].name").isEqualTo("Teh Melati");
    }

    @Test
    void skus_are_unique_in_the_catalog() {
        assertThat(mongo.indexOps(CatalogProduct.class).getIndexInfo())
                .anySatisfy(index -> {
                    assertThat(index.isUnique()).isTrue();
                    assertThat(index.getIndexFields()).anySatisfy(field -> assertThat(field.getKey()).isEqualTo("sku"));
                });
    }

    @Test
    void bad_filters_are_a_400_naming_the_parameter() {
        expectBadParameter("sort=cheapest", "sort");
        expectBadParameter("minPrice=10", "currency");
        expectBadParameter("minPrice=10&maxPrice=5&currency=IDR", "minPrice");
        expectBadParameter("currency=XYZ1&minPrice=1", "currency");
        expectBadParameter("size=500", "size");
        expectBadParameter("q={q}", "q", "kopi\u0000");
        expectBadParameter("category={c}", "category", "coffee\u001b");
        expectBadParameter("minPrice=1e300&currency=IDR", "minPrice");
        expectBadParameter("maxPrice=0.00001&currency=IDR", "maxPrice");
        query.get().uri("/api/catalog/{id}", UUID.randomUUID()).exchange().expectStatus().isNotFound();
    }

    private void expectBadParameter(String parameters, String name, Object... values) {
        query.get().uri("/api/catalog?" + parameters, values).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(name);
    }

    @SuppressWarnings("unchecked")
    private List<String> names(String parameters) {
        Map<String, Object> page = query.get().uri("/api/catalog?" + parameters).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return ((List<Map<String, Object>>) page.get("items")).stream().map(item -> (String) item.get("name")).toList();
    }

    private String product(String name, String description, String price, int stock) {
        return shop.product(name, description, category, price, stock);
    }
}
