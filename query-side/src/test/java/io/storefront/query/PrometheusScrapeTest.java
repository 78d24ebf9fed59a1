package io.storefront.query;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What Prometheus scrapes from the query side, without a token, on the management port (the API's port does not
 * serve it): the projections' processors, where they stand, and the reads.
 */
@QuerySideTest
// a context of its own, closed after: two query sides would share (and race for) the projections' segments
@DirtiesContext
// every order neither paid nor ended counts as stuck at once
@TestPropertySource(properties = "storefront.orders.stuck-after=0s")
class PrometheusScrapeTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    RestTestClient query;

    @LocalManagementPort
    int managementPort;

    private final Shop shop = new Shop();

    @Test
    void the_scrape_shows_the_projections_at_work_and_the_reads_they_served() {
        shop.order(Shop.APPROVED_CARD, shop.product(5));
        query.get().uri("/api/orders?size=1").exchange().expectStatus().isOk();

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(scrape())
                .containsPattern("eventProcessor_latency\\{[^}]*processorName=\"orders-view\"")
                .containsPattern("eventProcessor_latency\\{[^}]*processorName=\"stock-view\"")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*application=\"query-side\"[^}]*uri=\"/api/orders\"")
                .containsPattern("storefront_processor_running\\{[^}]*processor=\"orders-view\"[^}]*\\} 1\\.0")
                .containsPattern("storefront_processor_segments_in_error\\{[^}]*processor=\"orders-view\"[^}]*\\} 0\\.0")
                .containsPattern("storefront_processor_behind\\{[^}]*processor=\"orders-view\"[^}]*\\} \\d")
                .containsPattern("storefront_processor_dead_letters\\{[^}]*processor=\"orders-view\"[^}]*\\} 0\\.0"));
    }

    /**
     * Stuck orders are counted in the view, which every instance shares. Whether the checkout's timer counts
     * is the embedded platform's ObservabilityTest's to say: here other query-side contexts of this JVM
     * project the same events, and the first to record a payment times it.
     */
    @Test
    void an_unpaid_order_counts_as_stuck_and_a_paid_one_does_not_and_checkouts_are_timed_in_buckets() {
        double stuck = value(scrape(), "storefront_orders_stuck");
        String product = shop.product(5);

        String unpaid = shop.order(null, product);
        awaitStatus(unpaid, "AWAITING_PAYMENT");
        await().atMost(PATIENCE).until(() -> value(scrape(), "storefront_orders_stuck") >= stuck + 1);
        double stuckWithUnpaid = value(scrape(), "storefront_orders_stuck");

        String paid = shop.order(Shop.APPROVED_CARD, product);
        awaitStatus(paid, "PAID");
        String scraped = scrape();
        assertThat(value(scraped, "storefront_orders_stuck")).as("a paid order is not stuck").isLessThanOrEqualTo(stuckWithUnpaid);
        assertThat(scraped).containsPattern("storefront_checkout_duration_seconds_bucket\\{[^}]*le=\"900\\.0\"");
    }

    private void awaitStatus(String orderId, String status) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(query.get().uri("/api/orders/{id}", orderId).exchange()
                .returnResult(String.class).getResponseBody()).contains("\"status\":\"" + status + "\""));
    }

    @Test
    void the_api_s_port_does_not_serve_the_scrape() {
        query.get().uri("/actuator/prometheus").header("Authorization", "").exchange().expectStatus().isNotFound();
        query.get().uri("/readyz").header("Authorization", "").exchange().expectStatus().isOk();
    }

    private String scrape() {
        return RestTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build()
                .get().uri("/actuator/prometheus")
                .exchange().expectStatus().isOk().returnResult(String.class).getResponseBody();
    }

    /** The query side's sample of {@code metric}; 0 when there is none yet. */
    private static double value(String scraped, String metric) {
        Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(metric) + "\\{([^}]*application=\"query-side\"[^}]*)\\} (\\S+)$")
                .matcher(scraped);
        return sample.find() ? Double.parseDouble(sample.group(2)) : 0;
    }
}
