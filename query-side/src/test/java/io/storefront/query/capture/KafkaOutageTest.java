package io.storefront.query.capture;

import io.storefront.command.EmbeddedRedisInitializer;
import io.storefront.query.CommandSideRunning;
import io.storefront.query.QuerySideApplication;
import io.storefront.query.QuerySideTest;
import io.storefront.query.Shop;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kafka stopped under the running query side and started again on the same port and log folder: the
 * capture fails while it is away (and says so), starts again by itself once it is back, and every change
 * made meanwhile reaches its topic; the analytics count each order once. A broker of its own, in a
 * context of its own closed afterwards, so that the other specs' broker is never stopped. Its orders
 * are in MYR, which no other spec uses, so the KPIs of that currency are theirs.
 */
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // a batch fails 5 s into an outage, rather than 30 s: the outage stays short
        properties = {QuerySideApplication.CONFIG_NAME, "storefront.capture.delivery-timeout=5s",
                // a slot of its own: on the shared one it would take the changes the other specs' capture awaits
                "storefront.capture.slot=storefront_kafka_outage"})
@ContextConfiguration(initializers = {CommandSideRunning.class, EmbeddedRedisInitializer.class, KafkaOutageTest.OwnKafka.class})
@AutoConfigureRestTestClient
@Import(QuerySideTest.ActingAsAdmin.class)
@DirtiesContext
class KafkaOutageTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final String PRICE = "20.00";
    private static final String MYR = "MYR";

    private final Shop shop = new Shop();

    @Autowired
    EmbeddedKafkaKraftBroker kafka;

    @Autowired
    ReadModelCapture capture;

    @Autowired
    RestTestClient query;

    @Autowired
    JdbcClient jdbc;

    @LocalManagementPort
    int managementPort;

    @Test
    void orders_paid_while_kafka_is_away_reach_their_topic_and_the_analytics_once_each_when_it_is_back() throws Exception {
        Instant from = Instant.now().minus(1, ChronoUnit.MINUTES);
        Instant to = from.plus(1, ChronoUnit.DAYS);
        String product = shop.productAt(PRICE, MYR, 20);
        List<String> before = List.of(order(product), order(product));
        awaitPaid(before);
        awaitOnTopicPaid(before);
        awaitReport(from, to, 2);

        stopKafka();
        List<String> whileAway = List.of(order(product), order(product), order(product));
        awaitPaid(whileAway);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(captureHealth()).as("the capture says it failed").isEqualTo("DOWN"));
        startKafka();

        List<String> all = Stream.concat(before.stream(), whileAway.stream()).toList();
        awaitOnTopicPaid(all);
        JsonNode report = awaitReport(from, to, all.size());
        AnalyticsGroup.awaitCaughtUp(kafka.getBrokersAsString());
        report = report(from, to);
        assertThat(report.get("placedToPaid").get("placed").asInt()).as("placed, each once").isEqualTo(all.size());
        assertThat(report.get("placedToPaid").get("paid").asInt()).as("paid, each once").isEqualTo(all.size());
        JsonNode revenue = report.get("revenuePerDay");
        assertThat(revenue).hasSize(1);
        assertThat(revenue.get(0).get("paidOrders").asInt()).isEqualTo(all.size());
        assertThat(new BigDecimal(revenue.get(0).get("revenue").asString()))
                .isEqualByComparingTo(new BigDecimal(PRICE).multiply(BigDecimal.valueOf(all.size())));
        assertThat(jdbc.sql("SELECT count(*) FROM sales_order WHERE currency = ?").param(MYR).query(Long.class).single())
                .isEqualTo(all.size());
        // the same capture, started again by itself: no restart of the query side
        assertThat(capture.isRunning()).isTrue();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(captureHealth()).isEqualTo("UP"));
    }

    private String order(String product) {
        return shop.orderAt(PRICE, MYR, "customer-" + UUID.randomUUID(), Shop.APPROVED_CARD, 1, product);
    }

    /** As a real broker's restart: its process goes, its log folder stays, and it listens on the same port again. */
    private void stopKafka() {
        kafka.getCluster().brokers().values().forEach(BrokerServer::shutdown);
    }

    private void startKafka() throws ExecutionException, InterruptedException {
        kafka.getCluster().brokers().values().forEach(BrokerServer::startup);
        kafka.getCluster().waitForReadyBrokers();
    }

    private void awaitPaid(List<String> orders) {
        await().atMost(PATIENCE).until(() -> orders.stream().allMatch(order -> "PAID".equals(
                jdbc.sql("SELECT status FROM order_view WHERE order_id = ?").param(order).query(String.class).optional().orElse(null))));
    }

    /** Each order's latest record on the orders' topic says PAID. */
    private void awaitOnTopicPaid(List<String> orders) {
        await().atMost(PATIENCE).untilAsserted(() -> {
            Map<String, String> latest = latestStatuses("storefront.public.order_view");
            assertThat(orders).allSatisfy(order -> assertThat(latest.get(order)).as(order).isEqualTo("PAID"));
        });
    }

    private JsonNode awaitReport(Instant from, Instant to, int orders) {
        JsonNode[] report = {null};
        await().atMost(PATIENCE).until(() -> {
            report[0] = report(from, to);
            return report[0].get("placedToPaid").get("paid").asInt() == orders;
        });
        return report[0];
    }

    private JsonNode report(Instant from, Instant to) {
        return JSON.readTree(query.get().uri("/api/admin/analytics?from={from}&to={to}&currency=MYR", from, to)
                .exchange().expectStatus().isOk().returnResult(String.class).getResponseBody());
    }

    private String captureHealth() {
        return JSON.readTree(RestTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build()
                .get().uri("/actuator/health").exchange().returnResult(String.class).getResponseBody())
                .path("components").path("capture").path("status").asString();
    }

    /** The status in the latest record of each order on the topic. */
    private Map<String, String> latestStatuses(String topic) {
        Map<String, String> statuses = new HashMap<>();
        for (ConsumerRecord<String, String> record : new Topics(kafka.getBrokersAsString()).records(topic)) {
            JsonNode after = record.value() == null ? null : JSON.readTree(record.value()).get("after");
            if (after != null && after.isObject()) {
                statuses.put(after.path("order_id").asString(), after.path("status").asString());
            }
        }
        return statuses;
    }

    /**
     * A Kafka broker for this context alone, which the capture and the analytics use. It is a bean of the
     * context, so that it stops after them when the context closes.
     */
    static class OwnKafka implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 1);
            kafka.afterPropertiesSet();
            ((GenericApplicationContext) context).registerBean(EmbeddedKafkaKraftBroker.class, () -> kafka);
            TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context,
                    "storefront.capture.enabled=true", "storefront.capture.bootstrap-servers=" + kafka.getBrokersAsString(),
                    "storefront.analytics.enabled=true", "storefront.analytics.bootstrap-servers=" + kafka.getBrokersAsString());
        }
    }
}
