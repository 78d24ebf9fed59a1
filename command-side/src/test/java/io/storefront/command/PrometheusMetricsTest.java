package io.storefront.command;

import io.storefront.command.payment.PaymentRequests;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What Prometheus scrapes from the command side after an order and a declined payment, without a token, on the
 * management port: the API's port does not serve it.
 */
@CommandSideTest
class PrometheusMetricsTest {

    @Autowired
    RestTestClient http;

    @LocalManagementPort
    int managementPort;

    @Test
    void the_scrape_counts_orders_and_declines_per_gateway_and_times_commands_processors_and_requests() {
        double placed = value(scrape(), "storefront_orders_placed_total", "");
        double declined = value(scrape(), "storefront_payments_declined_total", "gateway=\"sandbox\"");
        String orderId = PaymentRequests.placedOrder(http);
        String paymentId = PaymentRequests.requestedPayment(http, orderId);
        http.post().uri("/api/payments/{id}/decline", paymentId).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("reason", "card_declined")).exchange().expectStatus().isNoContent();

        await().atMost(Duration.ofSeconds(10)).until(() ->
                value(scrape(), "storefront_payments_declined_total", "gateway=\"sandbox\"") == declined + 1);
        String scraped = scrape();
        assertThat(value(scraped, "storefront_orders_placed_total", "application=\"command-side\"")).isEqualTo(placed + 1);
        assertThat(value(scraped, "commandBus_successTimer_seconds_count", "payloadType=\"PlaceOrder\"")).isPositive();
        assertThat(value(scraped, "commandBus_successTimer_seconds_count", "payloadType=\"DeclinePayment\"")).isPositive();
        assertThat(scraped).containsPattern("eventProcessor_latency\\{[^}]*processorName=\"business-metrics\"");
        assertThat(value(scraped, "http_server_requests_seconds_count", "uri=\"/api/orders\"")).isPositive();
        assertThat(value(scraped, "storefront_event_store_append_seconds_count", "application=\"command-side\"")).isPositive();
        assertThat(scraped).containsPattern("storefront_event_store_append_seconds_bucket\\{[^}]*le=")
                .containsPattern("http_server_requests_seconds_bucket\\{[^}]*uri=\"/api/orders\"");
    }

    @Test
    void the_api_s_port_does_not_serve_the_scrape() {
        http.get().uri("/actuator/prometheus").header("Authorization", "").exchange().expectStatus().isNotFound();
        http.get().uri("/readyz").header("Authorization", "").exchange().expectStatus().isOk();
    }

    private String scrape() {
        return RestTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build()
                .get().uri("/actuator/prometheus")
                .exchange().expectStatus().isOk().returnResult(String.class).getResponseBody();
    }

    /** The sample of {@code metric} whose labels contain {@code label}; 0 when there is none yet. */
    private static double value(String scraped, String metric, String label) {
        Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(metric) + "(?:\\{([^}]*)\\})? (\\S+)$").matcher(scraped);
        while (sample.find()) {
            if (sample.group(1) != null && sample.group(1).contains(label)) {
                return Double.parseDouble(sample.group(2));
            }
        }
        return 0;
    }
}
