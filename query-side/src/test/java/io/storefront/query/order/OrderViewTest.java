package io.storefront.query.order;

import io.storefront.command.Actor;
import io.storefront.query.CommandSideRunning;
import io.storefront.query.QuerySideTest;
import io.storefront.query.Shop;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuerySideTest
class OrderViewTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    RestTestClient query;

    @LocalServerPort
    int port;

    private final Shop shop = new Shop();

    @Test
    void a_paid_order_is_shown_with_its_lines_and_timeline_and_in_its_customers_list() {
        String customer = "customer-" + UUID.randomUUID();
        String orderId = paidOrder(customer);

        await().atMost(PATIENCE).until(() -> "PAID".equals(status(orderId)));
        query.get().uri("/api/orders/{id}", orderId).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.order.customerId").isEqualTo(customer)
                .jsonPath("$.order.total").isEqualTo("170000")
                .jsonPath("$.order.currency").isEqualTo("IDR")
                .jsonPath("$.lines[0].quantity").isEqualTo(2)
                .jsonPath("$.lines[0].reserved").isEqualTo(true);
        query.get().uri("/api/orders/{id}/tracking", orderId).exchange()
                .expectBody()
                .jsonPath("$.timeline[*].status").isEqualTo(List.of("PLACED", "AWAITING_PAYMENT", "PAID"));
        query.get().uri("/api/orders?customerId={c}", customer).exchange()
                .expectBody()
                .jsonPath("$.totalItems").isEqualTo(1)
                .jsonPath("$.items[0].orderId").isEqualTo(orderId);
    }

    @Test
    void following_an_order_live_shows_each_status_in_order_until_it_is_final() throws Exception {
        // followed at once by its customer: the view may not know the order yet, the stream waits for it
        String customer = "customer-" + UUID.randomUUID();
        String orderId = order(customer, Shop.DECLINED_CARD);

        HttpResponse<String> stream = HttpClient.newHttpClient().sendAsync(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/orders/" + orderId + "/tracking/stream"))
                                .header("Accept", "text/event-stream")
                                .header("Authorization", "Bearer " + CommandSideRunning.token(customer, Actor.Role.CUSTOMER))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        List<String> statuses = Pattern.compile("\"status\":\"([A-Z_]+)\"").matcher(stream.body()).results()
                .map(match -> match.group(1)).toList();
        assertThat(statuses).as("the stream ended once the order was cancelled")
                .containsExactly("PLACED", "AWAITING_PAYMENT", "CANCELLED");
    }

    @Test
    void bad_paging_is_a_400_naming_the_parameter_and_an_unknown_order_a_404() {
        query.get().uri("/api/orders?size=0").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("size");
        query.get().uri("/api/orders?status=LOST").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("status");
        query.get().uri("/api/orders/{id}", UUID.randomUUID()).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        query.get().uri("/api/admin/projections/no-such-view").exchange().expectStatus().isNotFound();
    }

    private String status(String orderId) {
        var response = query.get().uri("/api/orders/{id}", orderId).exchange().returnResult(Map.class);
        return response.getStatus().value() == 200
                ? (String) ((Map<?, ?>) response.getResponseBody().get("order")).get("status") : null;
    }

    private String paidOrder(String customer) {
        return order(customer, Shop.APPROVED_CARD);
    }

    private String order(String customer, String card) {
        return shop.order(customer, card, 2, shop.product(10));
    }
}
