package io.storefront.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.storefront.api.shipment.ShipmentId;
import io.storefront.api.store.SegmentSharing;
import io.storefront.command.EmbeddedPostgresInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of each service against the same stores, as staging runs them ({@link Platform}):
 * the instances share every processor's segments and handle each event once, commands that meet on
 * one aggregate from both instances are decided again rather than refused, and an order can be
 * followed live on an instance that does not project it.
 */
class TwoInstancesTest {

    private static final String APPROVED_CARD = "4242424242424242";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final RestTestClient http = Platform.client();
    /** Reads straight from a query side, so that waiting for a status does not run into the gateway's rate limit. */
    private final RestTestClient reader = RestTestClient.bindToServer().baseUrl(Platform.url(Platform.querySides().getFirst())).build();
    private final JdbcClient store = JdbcClient.create(EmbeddedPostgresInitializer.postgres().getPostgresDatabase());

    @Test
    void both_instances_share_each_processors_segments_and_handle_every_event_once() throws Exception {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(processorsNotShared()).isEmpty());
        HandlingWitness.forget();
        Customer admin = Customer.admin(http);
        String product = admin.product(http, 20);

        // sixteen orders of one product from eight customers at once, through the gateway's two command sides; each
        // order is handled on the segment its id falls in (a product's own events all fall in one, so the stock view is left out below)
        List<Customer> customers = IntStream.range(0, 8).mapToObj(n -> Customer.register(http)).toList();
        List<String> orders = customers.parallelStream()
                .flatMap(customer -> IntStream.range(0, 2).mapToObj(n -> customer.order(http, product, APPROVED_CARD)))
                .toList();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(orders)
                .allSatisfy(order -> assertThat(status(admin, order)).isEqualTo("PAID")));
        await().atMost(PATIENCE).untilAsserted(() -> admin.sends(reader.get().uri("/api/stock/{id}", product)).exchange()
                .expectBody()
                .jsonPath("$.available").isEqualTo(4)
                .jsonPath("$.reserved").isEqualTo(0)
                .jsonPath("$.sold").isEqualTo(16));

        List<HandlingWitness.Handled> handled = HandlingWitness.all();
        assertThat(handled.stream().collect(Collectors.groupingBy(h -> h.processor() + " " + h.eventId(), Collectors.counting()))
                .entrySet().stream().filter(times -> times.getValue() > 1).map(Map.Entry::getKey))
                .as("events a processor handled more than once").isEmpty();
        Map<String, Set<String>> instancesPerProcessor = handled.stream().collect(Collectors.groupingBy(
                HandlingWitness.Handled::processor, Collectors.mapping(HandlingWitness.Handled::instance, Collectors.toSet())));
        for (String processor : List.of("product-stock-policy", "order-fulfilment-policy", "payment-policy", "shipment-policy",
                "orders-view", "payments-view", "shipments-view")) {
            assertThat(instancesPerProcessor.get(processor)).as("the instances that handled " + processor + "'s events").hasSizeGreaterThan(1);
        }
    }

    @Test
    void an_order_is_followed_live_on_the_query_side_that_does_not_project_it() throws Exception {
        Customer admin = Customer.admin(http);
        List<Customer> customers = IntStream.range(0, 4).mapToObj(n -> Customer.register(http)).toList();
        String product = admin.product(http, 40);
        HandlingWitness.forget();

        // orders until each query side has projected one: which one does is the hash of the order's id
        Map<String, String> projectedBy = new ConcurrentHashMap<>();
        for (int round = 0; round < 4 && Set.copyOf(projectedBy.values()).size() < 2; round++) {
            List<String> orders = customers.parallelStream().map(customer -> customer.order(http, product, APPROVED_CARD)).toList();
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(orders)
                    .allSatisfy(order -> assertThat(status(admin, order)).isEqualTo("PAID")));
            HandlingWitness.all().stream().filter(h -> h.processor().equals("orders-view") && orders.contains(h.aggregateId()))
                    .forEach(h -> projectedBy.putIfAbsent(h.aggregateId(), h.instance()));
        }

        // each query side follows an order the other one projects
        Map<String, CompletableFuture<HttpResponse<String>>> streams = new ConcurrentHashMap<>();
        for (ConfigurableApplicationContext querySide : Platform.querySides()) {
            String self = owner(querySide);
            projectedBy.entrySet().stream().filter(projected -> !projected.getValue().equals(self)).findFirst()
                    .ifPresent(projected -> streams.put(projected.getKey(), follow(querySide, admin, projected.getKey())));
        }
        assertThat(streams).as("an order projected by each query side").hasSize(2);
        for (String order : streams.keySet()) {
            track(admin, order, "IN_TRANSIT", "2030-01-02T08:00:00Z");
            track(admin, order, "DELIVERED", "2030-01-02T15:00:00Z");
        }
        for (var stream : streams.values()) {
            assertThat(statuses(stream.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).body()))
                    .containsExactly("PLACED", "AWAITING_PAYMENT", "PAID", "SHIPPED", "DELIVERED");
        }
    }

    /** The carrier's word on the order's parcel, once the shipping policy has made the shipment. */
    private void track(Customer admin, String orderId, String status, String at) {
        await().atMost(PATIENCE).untilAsserted(() -> admin.sends(http.post().uri("/api/shipments/{id}/tracking", ShipmentId.forOrder(orderId)))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("status", status, "occurredAt", at, "location", "Bandung"))
                .exchange().expectStatus().isNoContent());
    }

    @Test
    void commands_meeting_on_one_aggregate_from_both_command_sides_are_decided_again_not_refused() {
        Customer admin = Customer.admin(http);
        String product = admin.product(http, 1);
        List<RestTestClient> instances = Platform.commandSides().stream()
                .map(side -> RestTestClient.bindToServer().baseUrl(Platform.url(side)).build()).toList();
        double retriesBefore = retries();
        int received = 1;
        // deliveries of stock sent to both instances at once, until they have met on the product at least once; each
        // instance checks its cached product against the store first, so they meet only between that check and the append
        while (retries() == retriesBefore && received < 2000) {
            List<Integer> answers = IntStream.range(0, 20).parallel()
                    .mapToObj(n -> admin.sends(instances.get(n % 2).post().uri("/api/products/{id}/stock", product))
                            .contentType(MediaType.APPLICATION_JSON).body(Map.of("quantity", 1))
                            .exchange().returnResult().getStatus().value())
                    .toList();
            assertThat(answers).as("every delivery of stock accepted").containsOnly(204);
            received += answers.size();
        }
        assertThat(retries()).as("commands decided again after the other instance appended first").isGreaterThan(retriesBefore);
        int expected = received;
        await().atMost(PATIENCE).untilAsserted(() -> admin.sends(reader.get().uri("/api/stock/{id}", product)).exchange()
                .expectBody().jsonPath("$.available").isEqualTo(expected));
    }

    /** Processors whose segments are not spread over both instances that run them. */
    private List<String> processorsNotShared() {
        return store.sql("SELECT processor_name, count(*) AS segments, count(DISTINCT owner) AS owners FROM token_entry "
                        + "GROUP BY processor_name")
                .query((row, n) -> row.getInt("owners") == Math.min(row.getInt("segments"), 2) ? null
                        : row.getString("processor_name") + " (" + row.getInt("segments") + " segments, " + row.getInt("owners") + " owners)")
                .list().stream().filter(Objects::nonNull).toList();
    }

    private static double retries() {
        return Platform.commandSides().stream()
                .mapToDouble(side -> side.getBean(MeterRegistry.class).counter("storefront.command.retries").count())
                .sum();
    }

    private static String owner(ConfigurableApplicationContext side) {
        return side.getBean(SegmentSharing.class).owner();
    }

    private String status(Customer customer, String orderId) {
        var response = customer.sends(reader.get().uri("/api/orders/{id}", orderId)).exchange().returnResult(Map.class);
        return response.getStatus().value() == 200
                ? (String) ((Map<?, ?>) response.getResponseBody().get("order")).get("status") : "unknown";
    }

    private static CompletableFuture<HttpResponse<String>> follow(ConfigurableApplicationContext querySide, Customer customer, String orderId) {
        return HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(URI.create(Platform.url(querySide) + "/api/orders/" + orderId + "/tracking/stream"))
                        .header("Accept", "text/event-stream")
                        .header("Authorization", "Bearer " + customer.accessToken())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> statuses(String stream) {
        return Pattern.compile("\"status\":\"([A-Z_]+)\"").matcher(stream).results().map(match -> match.group(1)).toList();
    }
}
