package io.storefront.query.capture;

import io.storefront.command.EmbeddedRedisInitializer;
import io.storefront.query.CommandSideRunning;
import io.storefront.query.QuerySideApplication;
import io.storefront.query.Shop;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The read models' changes on Kafka, as an analytics team reads them: one topic per table, keyed by
 * primary key, with before and after; nothing personal; nothing missed across a restart of the
 * capture; a column a migration adds flows through; a projection's change carries its trace on. Its
 * own context, closed afterwards: one capture per database.
 */
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = QuerySideApplication.CONFIG_NAME)
@ContextConfiguration(initializers = {CommandSideRunning.class, EmbeddedRedisInitializer.class, EmbeddedKafkaInitializer.class})
@DirtiesContext
class ReadModelCaptureTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final String TRACEPARENT = "00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]";

    private final Shop shop = new Shop();

    @Autowired
    ReadModelCapture capture;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry registry;

    @AfterEach
    void captureRunning() {
        if (!capture.isRunning()) {
            capture.start();
        }
    }

    @Test
    void an_order_leaves_on_its_topic_keyed_by_its_id_with_each_change_before_and_after() {
        awaitStreaming();
        long timed = registry.get("storefront.capture.lag").timer().count();
        String orderId = shop.order(Shop.APPROVED_CARD, shop.product(5));

        List<JsonNode> changes = awaitChanges("storefront.public.order_view", "order_id", orderId,
                records -> records.stream().anyMatch(change -> "PAID".equals(after(change, "status"))));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(registry.get("storefront.capture.lag").timer().count())
                .as("the lag of every acknowledged change is timed").isGreaterThanOrEqualTo(timed + changes.size()));
        JsonNode created = changes.getFirst();
        assertThat(created.get("op").asString()).isIn("c", "r");
        assertThat(created.get("before").isNull()).isTrue();
        assertThat(after(created, "order_id")).isEqualTo(orderId);
        JsonNode paid = changes.stream().filter(change -> "PAID".equals(after(change, "status"))).findFirst().orElseThrow();
        assertThat(paid.get("op").asString()).isEqualTo("u");
        assertThat(paid.get("before").get("status").asString()).isNotEqualTo("PAID");
        assertThat(paid.get("after").get("total_amount").asString()).isEqualTo("85000.0000");
        assertThat(paid.get("source").get("table").asString()).isEqualTo("order_view");
        assertThat(paid.get("source").get("lsn").asLong()).isPositive();
    }

    @Test
    void a_customer_leaves_without_name_email_or_phone_on_any_topic() {
        String email = "capture-" + UUID.randomUUID() + "@example.com";
        String userId = Shop.id(shop.commands().post().uri("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("password", "correct horse battery", "name", "Rahmawati Sukma", "email", email,
                        "phone", "+6281298765432")));

        JsonNode user = awaitChanges("storefront.public.user_view", "user_id", userId, records -> !records.isEmpty()).getFirst();
        assertThat(user.get("after").has("email_verified")).isTrue();
        assertThat(user.get("after").has("email")).isFalse();
        assertThat(user.get("after").has("name")).isFalse();
        assertThat(user.get("after").has("phone")).isFalse();
        assertThat(allRecords()).noneMatch(record -> record.contains(email) || record.contains("Rahmawati")
                || record.contains("6281298765432"));
    }

    @Test
    void changes_made_while_the_capture_is_stopped_arrive_once_it_runs_again() {
        String product = shop.product(50);
        String before = shop.order(Shop.APPROVED_CARD, product);
        awaitChanges("storefront.public.order_view", "order_id", before, records -> !records.isEmpty());

        capture.stop();
        List<String> whileStopped = List.of(shop.order(Shop.APPROVED_CARD, product), shop.order(Shop.APPROVED_CARD, product));
        await().atMost(PATIENCE).until(() -> whileStopped.stream().allMatch(order ->
                "PAID".equals(jdbc.sql("SELECT status FROM order_view WHERE order_id = ?").param(order)
                        .query(String.class).optional().orElse(null))));
        capture.start();

        for (String order : whileStopped) {
            awaitChanges("storefront.public.order_view", "order_id", order,
                    records -> records.stream().anyMatch(change -> "PAID".equals(after(change, "status"))));
        }
    }

    @Test
    void a_column_a_migration_adds_flows_through() {
        jdbc.sql("ALTER TABLE stock_level ADD COLUMN IF NOT EXISTS warehouse VARCHAR(32)").update();
        String product = shop.product(3);
        await().atMost(PATIENCE).until(() -> jdbc.sql("SELECT count(*) FROM stock_level WHERE product_id = ?")
                .param(product).query(Long.class).single() == 1);
        jdbc.sql("UPDATE stock_level SET warehouse = 'JKT-1' WHERE product_id = ?").param(product).update();

        awaitChanges("storefront.public.stock_level", "product_id", product,
                records -> records.stream().anyMatch(change -> "JKT-1".equals(after(change, "warehouse"))));
        // the analytics consumer, running all along, reads past the new column
        AnalyticsGroup.awaitCaughtUp();
    }

    @Test
    void a_change_a_projection_makes_carries_on_the_trace_of_its_event_and_one_made_by_hand_none() {
        String byHand = awaitStreaming();
        String orderId = shop.order(Shop.APPROVED_CARD, shop.product(2));

        await().atMost(PATIENCE).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> changes = records("storefront.public.order_view", "order_id", orderId);
            assertThat(changes).isNotEmpty().allSatisfy(change -> {
                assertThat(traceParent(change)).as("the record's header").matches(TRACEPARENT);
                assertThat(change.value()).as("the column stays home").doesNotContain("trace_parent");
            });
            String written = jdbc.sql("SELECT trace_parent FROM order_view WHERE order_id = ?").param(orderId)
                    .query(String.class).single();
            assertThat(written).as("the row's trace: the projection's span").matches(TRACEPARENT);
            String published = traceParent(changes.getLast());
            assertThat(traceId(published)).as("the record's trace is the row's").isEqualTo(traceId(written));
            assertThat(spanId(published)).as("in a span of its own, the publishing").isNotEqualTo(spanId(written));
        });

        // an update by hand, once the product's projections are long done with it: no trace, on the record or the row
        int before = records("storefront.public.stock_level", "product_id", byHand).size();
        jdbc.sql("UPDATE stock_level SET name = name WHERE product_id = ?").param(byHand).update();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(records("storefront.public.stock_level", "product_id", byHand))
                .hasSize(before + 1).last().satisfies(change -> assertThat(traceParent(change)).isNull()));
        assertThat(jdbc.sql("SELECT trace_parent IS NULL FROM stock_level WHERE product_id = ?").param(byHand)
                .query(Boolean.class).single()).isTrue();
    }

    private static String traceParent(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader("traceparent");
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String traceId(String traceParent) {
        return traceParent.split("-")[1];
    }

    private static String spanId(String traceParent) {
        return traceParent.split("-")[2];
    }

    /**
     * Waits until the capture streams changes as they happen: a capture that starts afresh first reads
     * every row as it stands (op "r"), and a change made meanwhile may arrive as such a read.
     */
    private String awaitStreaming() {
        String product = shop.product(1);
        await().atMost(PATIENCE).until(() -> jdbc.sql("SELECT count(*) FROM stock_level WHERE product_id = ?")
                .param(product).query(Long.class).single() == 1);
        await().atMost(PATIENCE).until(() -> {
            jdbc.sql("UPDATE stock_level SET name = name WHERE product_id = ?").param(product).update();
            return awaitChanges("storefront.public.stock_level", "product_id", product, records -> true).stream()
                    .anyMatch(change -> "u".equals(change.get("op").asString()));
        });
        return product;
    }

    private static String after(JsonNode change, String column) {
        JsonNode after = change.get("after");
        return after == null || after.isNull() || !after.has(column) || after.get(column).isNull()
                ? null : after.get(column).asString();
    }

    /** The values of the records on {@code topic} whose key is {@code {keyColumn: id}}, once {@code enough} holds. */
    private static List<JsonNode> awaitChanges(String topic, String keyColumn, String id, Predicate<List<JsonNode>> enough) {
        List<JsonNode> changes = new ArrayList<>();
        await().atMost(PATIENCE).until(() -> {
            changes.clear();
            records(topic, keyColumn, id).forEach(record -> changes.add(JSON.readTree(record.value())));
            return enough.test(changes);
        });
        return changes;
    }

    /** The records on {@code topic} so far whose key is {@code {keyColumn: id}}, tombstones left out. */
    private static List<ConsumerRecord<String, String>> records(String topic, String keyColumn, String id) {
        return records(topic).stream().filter(record -> record.key() != null && record.value() != null
                && id.equals(JSON.readTree(record.key()).path(keyColumn).asString())).toList();
    }

    private static List<String> allRecords() {
        List<String> values = new ArrayList<>();
        for (String topic : new Topics(EmbeddedKafkaInitializer.bootstrapServers()).names()) {
            if (topic.startsWith("storefront.public.")) {
                records(topic).forEach(record -> values.add(record.key() + " " + record.value()));
            }
        }
        return values;
    }

    private static List<ConsumerRecord<String, String>> records(String topic) {
        return new Topics(EmbeddedKafkaInitializer.bootstrapServers()).records(topic);
    }
}
