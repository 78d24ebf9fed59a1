package io.storefront.query.capture;

import io.storefront.command.EmbeddedRedisInitializer;
import io.storefront.query.CommandSideRunning;
import io.storefront.query.QuerySideApplication;
import io.storefront.query.QuerySideTest;
import io.storefront.query.Shop;
import io.storefront.query.analytics.SalesAnalytics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sales KPIs from the read models' change stream equal what the checkouts, counted by hand, say;
 * and they stay so when the consumer restarts or a read model is rebuilt and streamed again. The
 * scripted checkouts are in SGD, which no other spec uses, so the KPIs of that currency are theirs.
 */
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = QuerySideApplication.CONFIG_NAME)
@ContextConfiguration(initializers = {CommandSideRunning.class, EmbeddedRedisInitializer.class, EmbeddedKafkaInitializer.class})
@AutoConfigureRestTestClient
@Import(QuerySideTest.ActingAsAdmin.class)
@DirtiesContext
class SalesAnalyticsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String PRICE = "12.50";
    private static final String SGD = "SGD";

    private final Shop shop = new Shop();

    @Autowired
    RestTestClient query;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SalesAnalytics analytics;

    @Test
    void the_kpis_of_a_day_of_checkouts_are_what_the_checkouts_say_and_survive_a_restart_a_replay_and_a_rebuild() {
        Instant from = Instant.now().minus(1, ChronoUnit.MINUTES);
        String coffee = shop.productAt(PRICE, SGD, 20);
        String tea = shop.productAt(PRICE, SGD, 20);
        String lastUnit = shop.productAt(PRICE, SGD, 1);
        String soldOut = shop.productAt(PRICE, SGD, 0);
        String deliveredTwice = order(2, Shop.APPROVED_CARD, coffee);
        String deliveredOnce = order(1, Shop.APPROVED_CARD, tea);
        String declined = order(1, Shop.DECLINED_CARD, coffee);
        String rejected = order(1, Shop.APPROVED_CARD, soldOut);
        String calledOff = order(1, Shop.APPROVED_CARD, coffee);
        String emptiedStock = order(1, Shop.APPROVED_CARD, lastUnit);
        await().atMost(PATIENCE).until(() -> status(deliveredTwice).equals("PAID") && status(deliveredOnce).equals("PAID")
                && status(calledOff).equals("PAID") && status(emptiedStock).equals("PAID")
                && status(declined).equals("CANCELLED") && status(rejected).equals("REJECTED"));
        shop.commands().post().uri("/api/orders/{id}/cancellation", calledOff).exchange().expectStatus().isAccepted();
        deliver(deliveredTwice, Instant.now().plus(2, ChronoUnit.HOURS));
        deliver(deliveredOnce, Instant.now().plus(5, ChronoUnit.HOURS));
        await().atMost(PATIENCE).until(() -> status(deliveredTwice).equals("DELIVERED")
                && status(deliveredOnce).equals("DELIVERED") && status(calledOff).equals("CANCELLED"));
        Instant to = from.plus(1, ChronoUnit.DAYS);

        JsonNode report = awaitReport(from, to, kpis -> kpis.get("paidToDelivered").get("deliveries").asInt() == 2
                && kpis.get("placedToPaid").get("placed").asInt() == 6 && kpis.get("declineRate").size() == 1
                && kpis.get("declineRate").get(0).get("captured").asInt() == 4 && kpis.get("stockOuts").size() == 1
                // the refund of the order called off, on a topic of its own, may come after the deliveries
                && kpis.get("revenuePerDay").size() == 1 && kpis.get("revenuePerDay").get(0).get("paidOrders").asInt() == 3);

        assertThat(report.get("placedToPaid").get("paid").asInt()).isEqualTo(4);
        assertThat(report.get("placedToPaid").get("rate").asDouble()).isEqualTo(4.0 / 6);
        assertThat(sum(report.get("ordersPerHour"), "placed")).isEqualTo(6);
        assertThat(sum(report.get("ordersPerHour"), "paid")).isEqualTo(4);
        // the order called off after payment was refunded: no revenue
        JsonNode revenue = report.get("revenuePerDay");
        assertThat(revenue).hasSize(1);
        assertThat(new BigDecimal(revenue.get(0).get("revenue").asString())).isEqualByComparingTo("50.00");
        assertThat(revenue.get(0).get("paidOrders").asInt()).isEqualTo(3);
        assertThat(new BigDecimal(revenue.get(0).get("averageOrderValue").asString())).isEqualByComparingTo("16.67");
        JsonNode card = report.get("declineRate").get(0);
        assertThat(card.get("declined").asInt()).isEqualTo(1);
        assertThat(card.get("rate").asDouble()).isEqualTo(0.2);
        assertThat(report.get("topProductsByUnits").get(0).get("productId").asString()).isEqualTo(coffee);
        assertThat(report.get("topProductsByUnits").get(0).get("units").asInt()).isEqualTo(2);
        assertThat(new BigDecimal(report.get("topProductsByRevenue").get(0).get("revenue").asString())).isEqualByComparingTo("25.00");
        assertThat(report.get("stockOuts").get(0).get("productId").asString()).isEqualTo(lastUnit);
        double first = secondsFromPaidToDelivered(deliveredTwice);
        double second = secondsFromPaidToDelivered(deliveredOnce);
        JsonNode delivery = report.get("paidToDelivered");
        assertThat(delivery.get("p50Seconds").asDouble()).isCloseTo((first + second) / 2, org.assertj.core.data.Offset.offset(0.01));
        assertThat(delivery.get("p95Seconds").asDouble())
                .isCloseTo(Math.min(first, second) + 0.95 * Math.abs(second - first), org.assertj.core.data.Offset.offset(0.01));

        analytics.stop();
        analytics.start();
        AnalyticsGroup.awaitCaughtUp();
        assertThat(report(from, to)).isEqualTo(report);

        query.post().uri("/api/admin/projections/{p}/replay", "orders-view").exchange().expectStatus().isAccepted();
        await().atMost(PATIENCE).until(() -> Boolean.FALSE.equals(query.get().uri("/api/admin/projections/orders-view")
                .exchange().expectBody(Map.class).returnResult().getResponseBody().get("replaying")));
        AnalyticsGroup.awaitCaughtUp();
        assertThat(report(from, to)).isEqualTo(report);

        query.post().uri("/api/admin/analytics/rebuild").exchange().expectStatus().isAccepted();
        await().atMost(PATIENCE).until(() -> report(from, to).equals(report));
    }

    @Test
    void a_range_that_ends_before_it_starts_is_a_400_problem() {
        query.get().uri("/api/admin/analytics?from=2026-11-29T10:00:00Z&to=2026-11-29T09:00:00Z").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("to");
    }

    private String order(int quantity, String card, String product) {
        return shop.orderAt(PRICE, SGD, "customer-" + UUID.randomUUID(), card, quantity, product);
    }

    private void deliver(String orderId, Instant at) {
        String shipment = jdbc.sql("SELECT shipment_id FROM shipment_view WHERE order_id = ?").param(orderId)
                .query(String.class).single();
        shop.track(shipment, "IN_TRANSIT", at.minus(1, ChronoUnit.HOURS).toString());
        shop.track(shipment, "DELIVERED", at.toString());
    }

    private String status(String orderId) {
        return jdbc.sql("SELECT status FROM order_view WHERE order_id = ?").param(orderId).query(String.class)
                .optional().orElse("");
    }

    /** Counted by hand from the order's timeline, not from the sales facts. */
    private double secondsFromPaidToDelivered(String orderId) {
        Map<String, Instant> at = jdbc.sql("SELECT status, occurred_at FROM order_timeline WHERE order_id = ?")
                .param(orderId)
                .query((row, n) -> Map.entry(row.getString("status"), row.getTimestamp("occurred_at").toInstant()))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
        return Duration.between(at.get("PAID"), at.get("DELIVERED")).toNanos() / 1e9;
    }

    private static int sum(JsonNode rows, String field) {
        int total = 0;
        for (JsonNode row : rows) {
            total += row.get(field).asInt();
        }
        return total;
    }

    private JsonNode awaitReport(Instant from, Instant to, java.util.function.Predicate<JsonNode> complete) {
        JsonNode[] report = {null};
        await().atMost(PATIENCE).until(() -> complete.test(report[0] = report(from, to)));
        return report[0];
    }

    private JsonNode report(Instant from, Instant to) {
        return JsonMapper.shared().readTree(query.get().uri("/api/admin/analytics?from={from}&to={to}&currency=SGD", from, to)
                .exchange().expectStatus().isOk().returnResult(String.class).getResponseBody());
    }
}
