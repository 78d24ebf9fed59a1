package io.storefront.query;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The served OpenAPI document says what the reads take and answer: a token but for the catalog, no internals. */
@QuerySideTest
class OpenApiDocumentTest {

    @Autowired
    RestTestClient query;

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Map<String, Object>>> paths() {
        Map<String, Object> document = query.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return (Map<String, Map<String, Map<String, Object>>>) document.get("paths");
    }

    @Test
    void every_read_but_the_catalog_needs_a_token_and_the_reader_is_no_parameter() {
        Set<String> open = new TreeSet<>();
        paths().forEach((path, operations) -> operations.forEach((method, operation) -> {
            String name = method.toUpperCase() + " " + path;
            if (((List<?>) operation.get("security")).isEmpty()) {
                open.add(name);
            }
            List<Map<String, Object>> parameters = (List<Map<String, Object>>) operation.getOrDefault("parameters", List.of());
            assertThat(parameters).as(name).filteredOn(parameter -> "query".equals(parameter.get("in")))
                    .extracting(parameter -> parameter.get("name")).doesNotContain("viewer", "userId", "admin");
            assertThat((Map<String, Object>) operation.get("responses")).as(name).containsKeys("400", "401", "429");
        }));
        assertThat(open).containsExactly("GET /api/catalog", "GET /api/catalog/{productId}");
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_tracking_stream_is_described_as_server_sent_events_and_parameters_as_they_are_checked() {
        var paths = paths();
        var stream = (Map<String, Map<String, Object>>) paths.get("/api/orders/{orderId}/tracking/stream").get("get").get("responses");
        assertThat(stream.get("200").get("content")).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsOnlyKeys("text/event-stream");

        var catalog = (List<Map<String, Object>>) paths.get("/api/catalog").get("get").get("parameters");
        Map<String, Object> sort = catalog.stream().filter(parameter -> "sort".equals(parameter.get("name"))).findFirst().orElseThrow();
        assertThat((Map<String, Object>) sort.get("schema")).containsEntry("pattern", "^(?:name|price|-price)$");

        var analytics = (List<Map<String, Object>>) paths.get("/api/admin/analytics").get("get").get("parameters");
        Map<String, Object> to = analytics.stream().filter(parameter -> "to".equals(parameter.get("name"))).findFirst().orElseThrow();
        assertThat((Map<String, Object>) to.get("schema")).containsEntry("format", "date-time");
    }
}
