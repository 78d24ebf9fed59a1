package io.storefront.query;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What Prometheus scrapes from the query side, without a token: the projections' processors, where they stand, and the reads. */
@QuerySideTest
class PrometheusScrapeTest {

    @Autowired
    RestTestClient query;

    @Test
    void the_scrape_shows_the_projections_at_work_and_the_reads_they_served() {
        Shop shop = new Shop();
        shop.order(Shop.APPROVED_CARD, shop.product(5));
        query.get().uri("/api/orders?size=1").exchange().expectStatus().isOk();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(scrape())
                .containsPattern("eventProcessor_latency\\{[^}]*processorName=\"orders-view\"")
                .containsPattern("eventProcessor_latency\\{[^}]*processorName=\"stock-view\"")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*application=\"query-side\"[^}]*uri=\"/api/orders\"")
                .containsPattern("storefront_processor_running\\{[^}]*processor=\"orders-view\"[^}]*\\} 1\\.0")
                .containsPattern("storefront_processor_segments_in_error\\{[^}]*processor=\"orders-view\"[^}]*\\} 0\\.0")
                .containsPattern("storefront_processor_behind\\{[^}]*processor=\"orders-view\"[^}]*\\} \\d"));
    }

    private String scrape() {
        return query.get().uri("/actuator/prometheus").header("Authorization", "")
                .exchange().expectStatus().isOk().returnResult(String.class).getResponseBody();
    }
}
