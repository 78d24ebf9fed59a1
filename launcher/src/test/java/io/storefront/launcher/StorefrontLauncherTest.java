package io.storefront.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class StorefrontLauncherTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void the_demo_catalog_has_fifty_products_in_five_categories_with_unique_skus() {
        assertThat(DemoCatalog.ITEMS).hasSizeGreaterThanOrEqualTo(50);
        assertThat(DemoCatalog.ITEMS.stream().map(DemoCatalog.Item::category).distinct()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(DemoCatalog.ITEMS.stream().map(DemoCatalog.Item::sku).distinct()).hasSameSizeAs(DemoCatalog.ITEMS);
        assertThat(DemoCatalog.ITEMS).anyMatch(item -> item.stock() == 0).anyMatch(item -> item.stock() > 0);
    }

    /**
     * One restart on a data directory, for what must outlive it: the demo catalog, seeded once; an account;
     * and a payment deadline set before the stop, which fires after the start. (One restart for the three:
     * each start of the platform costs about 20 s of the suite.)
     */
    @Test
    void a_restart_on_its_data_directory_keeps_the_catalog_seeded_once_the_accounts_and_the_deadlines(@TempDir Path dataDir)
            throws Exception {
        String email = "restart-" + UUID.randomUUID() + "@example.com";
        String[] args = {"--storefront.data-dir=" + dataDir, "--server.port=0", "--storefront.command-port=0", "--storefront.query-port=0",
                "--storefront.management-port=0", "--storefront.order.payment-timeout=5s"};
        String orderId;
        try (StorefrontLauncher launcher = StorefrontLauncher.start(args)) {
            assertThat(events(launcher, "ProductCreated")).isEqualTo(DemoCatalog.ITEMS.size());
            String stocked = "{\"orderId\":\"order-1\",\"quantity\":2}";
            String admin = adminToken(launcher.port());
            assertThat(post(launcher.port(), "/api/products/" + DemoCatalog.productId("KOPI-TORAJA-250") + "/reservations", stocked, admin)
                    .statusCode()).isEqualTo(204);
            assertThat(post(launcher.port(), "/api/products/" + DemoCatalog.productId("ANGKLUNG-SET") + "/reservations", stocked, admin)
                    .statusCode()).as("no stock of angklung").isEqualTo(422);
            assertThat(post(launcher.port(), "/api/products/" + DemoCatalog.productId("ANGKLUNG-SET") + "/reservations", stocked, null)
                    .statusCode()).as("only an administrator reserves by hand").isEqualTo(401);
            assertThat(register(launcher.port(), email).statusCode()).isEqualTo(201);
            // last, so that the platform stops within the order's five seconds to pay
            orderId = placeOrder(launcher.port(), admin);
            await().atMost(Duration.ofSeconds(30)).until(() -> events(launcher, orderId, "OrderReadyForPayment") == 1);
            assertThat(events(launcher, orderId, "OrderCancelled")).as("the deadline has not fired yet").isZero();
        }
        try (StorefrontLauncher restarted = StorefrontLauncher.start(args)) {
            assertThat(events(restarted, "ProductCreated")).as("the catalog seeded once").isEqualTo(DemoCatalog.ITEMS.size());
            assertThat(post(restarted.port(), "/api/auth/login",
                    "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}", null).statusCode())
                    .as("the account registered before the restart logs in")
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> events(restarted, orderId, "OrderCancelled") == 1);
            String admin = adminToken(restarted.port());
            await().atMost(Duration.ofSeconds(30)).until(() -> get(restarted.port(), "/api/orders/" + orderId + "/tracking", admin)
                    .body().contains("\"status\":\"CANCELLED\""));
            await().atMost(Duration.ofSeconds(30)).until(() -> get(restarted.port(), "/api/catalog?size=1", null).body()
                    .contains("\"totalItems\":" + DemoCatalog.ITEMS.size()));
            assertThat(get(restarted.port(), "/api/catalog?q=toraja", null).body()).contains("Kopi Toraja 250 g");
        }
    }

    private HttpResponse<String> register(int port, String email) throws Exception {
        return post(port, "/api/auth/register",
                "{\"name\":\"Dewi\",\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}", null);
    }

    /** Logs in as the demo administrator through the gateway, as a user of the embedded default would. */
    private String adminToken(int port) throws Exception {
        HttpResponse<String> login = post(port, "/api/auth/login", "{\"email\":\"" + StorefrontLauncher.DEMO_ADMIN_EMAIL
                + "\",\"password\":\"" + StorefrontLauncher.DEMO_ADMIN_PASSWORD + "\"}", null);
        assertThat(login.statusCode()).isEqualTo(200);
        return login.body().replaceAll(".*\"accessToken\":\"([^\"]+)\".*", "$1");
    }

    @Test
    void an_order_is_paid_through_the_sandbox_delivered_by_the_built_in_carrier_and_told_in_the_demo_mailbox()
            throws Exception {
        String[] args = {"--server.port=0", "--storefront.command-port=0", "--storefront.query-port=0", "--storefront.management-port=0",
                "--storefront.carrier.simulated.step=300ms"};
        try (StorefrontLauncher launcher = StorefrontLauncher.start(args)) {
            String admin = adminToken(launcher.port());
            HttpResponse<String> registered = post(launcher.port(), "/api/auth/register",
                    "{\"name\":\"Dewi\",\"email\":\"dewi@example.com\",\"password\":\"correct horse battery\"}", null);
            assertThat(registered.statusCode()).isEqualTo(201);
            String customerId = registered.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
            String orderId = placeOrder(launcher.port(), admin, customerId);
            HttpResponse<String> card = http.send(request(launcher.port(), "/api/payments/instructions/" + orderId, admin)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"cardNumber\":\"4242424242424242\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(card.statusCode()).isEqualTo(202);

            await().atMost(Duration.ofSeconds(60)).until(() -> get(launcher.port(), "/api/orders/" + orderId + "/tracking", admin)
                    .body().contains("\"status\":\"DELIVERED\""));
            assertThat(events(launcher, io.storefront.api.shipment.ShipmentId.forOrder(orderId), "ShipmentTracked")).isEqualTo(3);
            // placed, paid, shipped, out for delivery, delivered
            await().atMost(Duration.ofSeconds(60)).until(() -> get(launcher.port(), "/demo/mailbox?to=dewi@example.com", admin)
                    .body().split("\"subject\"").length - 1 == 5);
            assertThat(get(launcher.port(), "/demo/mailbox?to=dewi@example.com", admin).body())
                    .contains("Your order " + orderId + " was delivered").contains("Teh Melati");
            // live KPIs: the order went through the read models' change stream on the in-process Kafka
            await().atMost(Duration.ofSeconds(60)).until(() -> get(launcher.port(), "/api/admin/analytics?currency=IDR", admin)
                    .body().matches("(?s).*\"paidToDelivered\":\\{\"deliveries\":[1-9].*"));
        }
    }

    /** One box of jasmine tea for Dewi in Yogyakarta; answers the order's id. */
    private String placeOrder(int port, String token) throws Exception {
        return placeOrder(port, token, "customer-1");
    }

    private String placeOrder(int port, String token, String customerId) throws Exception {
        String order = "{\"customerId\":\"" + customerId + "\",\"lines\":[{\"productId\":\""
                + DemoCatalog.productId("TEH-MELATI-100") + "\",\"quantity\":1,"
                + "\"unitPrice\":{\"amount\":35000,\"currency\":\"IDR\"}}],"
                + "\"shippingAddress\":{\"recipient\":\"Dewi\",\"line1\":\"Jl. Malioboro 5\","
                + "\"city\":\"Yogyakarta\",\"postalCode\":\"55271\",\"country\":\"ID\"}}";
        HttpResponse<String> placed = post(port, "/api/orders", order, token);
        assertThat(placed.statusCode()).isEqualTo(201);
        return placed.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    }

    private HttpResponse<String> get(int port, String path, String token) throws Exception {
        return http.send(request(port, path, token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(int port, String path, String json, String token) throws Exception {
        return http.send(request(port, path, token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(int port, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private static long events(StorefrontLauncher launcher, String aggregateId, String type) {
        return launcher.platform().getBean(JdbcClient.class)
                .sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE ?")
                .params(aggregateId, "%." + type).query(Long.class).single();
    }

    private static long events(StorefrontLauncher launcher, String type) {
        return launcher.platform().getBean(JdbcClient.class).sql("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE ?")
                .param("%." + type).query(Long.class).single();
    }

}
