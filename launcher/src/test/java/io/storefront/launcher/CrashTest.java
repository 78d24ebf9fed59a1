package io.storefront.launcher;

import io.storefront.api.payment.PaymentId;
import io.storefront.api.shipment.ShipmentId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * The crash specification: the embedded default as a process of its own on a data directory, customers
 * checking out through the gateway, and the process killed as the kernel's OOM killer would ({@code kill -9}),
 * the JVM alone or the JVM with every server it started, several times, each time started again. Once the
 * dust settles, every order the platform answered 201 has reached a final state, stock adds up to what
 * was received with nothing left reserved, every delivered order was paid once and shipped once and every
 * other order neither, and each view equals what a replay of the store makes of it.
 */
class CrashTest {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final Duration SHOPPING = Duration.ofSeconds(8);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Set<String> FINAL = Set.of("DELIVERED", "REJECTED", "CANCELLED");
    private static final List<String> VIEWS = List.of("orders-view", "payments-view", "shipments-view", "stock-view");
    private static final String APPROVED_CARD = "4242424242424242";
    private static final String DECLINED_CARD = "4000000000000002";

    /** How the process dies. */
    private enum Crash { JVM_ALONE, JVM_WITH_ITS_SERVERS }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Boolean> answered201 = new ConcurrentHashMap<>();
    private final List<DemoCatalog.Item> products = DemoCatalog.ITEMS.stream()
            .sorted(Comparator.comparingInt(DemoCatalog.Item::stock).reversed()).limit(2).toList();
    private final int port = freePort();
    private Process platform;
    private volatile boolean shopping;

    @TempDir
    Path dataDir;

    @AfterEach
    void stop() {
        shopping = false;
        if (platform != null) {
            platform.destroy();
            awaitExit(platform, Duration.ofSeconds(60));
        }
    }

    @Test
    void after_crashes_under_load_no_order_is_lost_or_stuck_and_stock_payments_shipments_and_views_add_up() throws Exception {
        platform = start();
        ExecutorService customers = Executors.newFixedThreadPool(3);
        shopping = true;
        for (int customer = 0; customer < 3; customer++) {
            customers.submit(this::shop);
        }
        for (Crash crash : List.of(Crash.JVM_ALONE, Crash.JVM_WITH_ITS_SERVERS, Crash.JVM_ALONE, Crash.JVM_WITH_ITS_SERVERS)) {
            Thread.sleep(SHOPPING.toMillis());
            kill(crash);
            platform = start();
        }
        Thread.sleep(SHOPPING.toMillis());
        shopping = false;
        customers.shutdown();
        assertThat(customers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(answered201).as("orders answered 201").hasSizeGreaterThan(10);

        String admin = login(StorefrontLauncher.DEMO_ADMIN_EMAIL, StorefrontLauncher.DEMO_ADMIN_PASSWORD).orElseThrow();
        JdbcClient store = JdbcClient.create(new SimpleDriverDataSource(new org.postgresql.Driver(), jdbcUrl()));
        Map<String, String> statuses = new ConcurrentHashMap<>();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            for (String orderId : answered201.keySet()) {
                if (!FINAL.contains(statuses.getOrDefault(orderId, ""))) {
                    statuses.put(orderId, json(get("/api/orders/" + orderId, admin)).path("order").path("status").asString());
                }
            }
            assertThat(statuses).as(() -> "orders not final yet, with their stories: " + stories(store, statuses))
                    .allSatisfy((order, status) -> assertThat(FINAL).contains(status));
        });

        for (DemoCatalog.Item product : products) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode stock = json(get("/api/stock/" + DemoCatalog.productId(product.sku()), admin));
                assertThat(stock.path("reserved").asInt()).as("left reserved of " + product.sku()).isZero();
                assertThat(stock.path("available").asInt() + stock.path("sold").asInt()).as("stock of " + product.sku())
                        .isEqualTo(product.stock());
            });
        }

        statuses.forEach((orderId, status) -> {
            int paid = count(store, PaymentId.forOrder(orderId), "PaymentCaptured");
            int refunded = count(store, PaymentId.forOrder(orderId), "PaymentRefunded");
            int shipped = count(store, ShipmentId.forOrder(orderId), "ShipmentCreated");
            if (status.equals("DELIVERED")) {
                assertThat(List.of(paid, refunded, shipped)).as("captured, refunded, shipped: delivered order " + orderId)
                        .containsExactly(1, 0, 1);
            } else {
                assertThat(paid - refunded).as("money kept for order " + orderId + ", " + status).isZero();
                assertThat(shipped).as("parcels of order " + orderId + ", " + status).isZero();
            }
        });
        assertThat(statuses).containsValue("DELIVERED");

        for (String view : VIEWS) {
            String path = listing(view);
            String before = get(path, admin).body();
            assertThat(post("/api/admin/projections/" + view + "/replay", admin).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofMinutes(1)).until(() -> json(get("/api/admin/projections/" + view, admin))
                    .path("replaying").isBoolean() && !json(get("/api/admin/projections/" + view, admin)).path("replaying").asBoolean());
            assertThat(get(path, admin).body()).as(view + " after a replay").isEqualTo(before);
        }

        // and an ordinary stop (SIGTERM, as Ctrl+C or an init system sends) ends the JVM and every server it started
        List<ProcessHandle> servers = Stream.concat(platform.toHandle().descendants(), postmaster().stream()).toList();
        platform.destroy();
        boolean stopped = platform.waitFor(60, TimeUnit.SECONDS);
        assertThat(stopped).as("stopped within a minute:%n%s", tail(dataDir.resolve("launcher.log"))).isTrue();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(servers).noneMatch(ProcessHandle::isAlive));
        platform = null;
    }

    /** A customer who keeps shopping whatever happens to the platform: only the orders answered 201 count. */
    private void shop() {
        String token = null;
        while (shopping) {
            try {
                if (token == null) {
                    token = newCustomer().orElse(null);
                    continue;
                }
                DemoCatalog.Item product = products.get(ThreadLocalRandom.current().nextInt(products.size()));
                HttpResponse<String> placed = send("POST", "/api/orders", """
                        {"lines":[{"productId":"%s","quantity":1,"unitPrice":{"amount":"%s","currency":"IDR"}}],
                         "shippingAddress":{"recipient":"Dewi Lestari","line1":"Jl. Sudirman 1","city":"Jakarta","postalCode":"10220","country":"ID"}}"""
                        .formatted(DemoCatalog.productId(product.sku()), product.price()), token);
                switch (placed.statusCode()) {
                    case 201 -> {
                        String orderId = json(placed).path("id").asString();
                        answered201.put(orderId, true);
                        int choice = ThreadLocalRandom.current().nextInt(4);
                        // one in four never pays: its payment deadline closes it, across the crashes too
                        if (choice > 0) {
                            send("PUT", "/api/payments/instructions/" + orderId,
                                    "{\"cardNumber\":\"" + (choice == 1 ? DECLINED_CARD : APPROVED_CARD) + "\"}", token);
                        }
                    }
                    // a session lost with Redis (killed before it wrote), or too many unpaid orders: a new customer
                    case 401, 422 -> token = null;
                    default -> Thread.sleep(200);
                }
            } catch (IOException down) {
                pause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Optional<String> newCustomer() throws IOException, InterruptedException {
        String email = "crash-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> registered = send("POST", "/api/auth/register",
                "{\"name\":\"Dewi Lestari\",\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}", null);
        return registered.statusCode() == 201 ? login(email, "correct horse battery") : Optional.empty();
    }

    private Optional<String> login(String email, String password) throws IOException, InterruptedException {
        HttpResponse<String> login = send("POST", "/api/auth/login",
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", null);
        return login.statusCode() == 200 ? Optional.of(json(login).path("accessToken").asString()) : Optional.empty();
    }

    /** The platform as the README starts it, in a JVM of its own, on this test's data directory; once it serves. */
    private Process start() throws IOException {
        Path log = dataDir.resolve("launcher.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), StorefrontLauncher.class.getName(),
                "--storefront.data-dir=" + dataDir, "--server.port=" + port, "--storefront.command-port=0",
                "--storefront.query-port=0", "--storefront.management-port=0", "--storefront.carrier.simulated.step=1s",
                "--storefront.order.payment-timeout=10s")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                fail("The platform stopped while starting:%n%s", tail(log));
            }
            if (Files.readString(log).contains("Storefront is serving")) {
                return process;
            }
            pause();
        }
        process.destroyForcibly();
        return fail("The platform did not serve within %s:%n%s", START_TIMEOUT, tail(log));
    }

    /** {@code kill -9}: of the JVM, or of the JVM, its servers and their watchers at once, as a power cut would. */
    private void kill(Crash crash) {
        List<ProcessHandle> victims = new ArrayList<>(List.of(platform.toHandle()));
        if (crash == Crash.JVM_WITH_ITS_SERVERS) {
            platform.toHandle().descendants().forEach(victims::add);
            // PostgreSQL runs in a session of its own (pg_ctl), not under the JVM
            postmaster().ifPresent(victims::add);
        }
        victims.forEach(ProcessHandle::destroyForcibly);
        awaitExit(platform, Duration.ofSeconds(30));
    }

    private Optional<ProcessHandle> postmaster() {
        try {
            return ProcessHandle.of(Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).getFirst().trim()));
        } catch (IOException | RuntimeException none) {
            return Optional.empty();
        }
    }

    private String jdbcUrl() throws IOException {
        Matcher url = Pattern.compile("PostgreSQL \\.+ (jdbc:\\S+)").matcher(Files.readString(dataDir.resolve("launcher.log")));
        assertThat(url.find()).as("the launcher prints its database's address").isTrue();
        return url.group(1);
    }

    /** What the store holds of the orders that are not final: their events and their payment's and shipment's. */
    private static Map<String, List<String>> stories(JdbcClient store, Map<String, String> statuses) {
        Map<String, List<String>> stories = new java.util.TreeMap<>();
        statuses.forEach((orderId, status) -> {
            if (!FINAL.contains(status)) {
                stories.put(orderId, store.sql("""
                                SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier IN (?, ?, ?)
                                ORDER BY global_index""")
                        .params(orderId, PaymentId.forOrder(orderId), ShipmentId.forOrder(orderId))
                        .query(String.class).list().stream().map(type -> type.substring(type.lastIndexOf('.') + 1)).toList());
            }
        });
        return stories;
    }

    private static int count(JdbcClient store, String aggregateId, String eventType) {
        return store.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE ?")
                .params(aggregateId, "%." + eventType).query(Integer.class).single();
    }

    private static String listing(String view) {
        return switch (view) {
            case "orders-view" -> "/api/orders?size=100";
            case "payments-view" -> "/api/payments?size=100";
            case "shipments-view" -> "/api/shipments?size=100";
            default -> "/api/stock?size=100";
        };
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return send("GET", path, null, token);
    }

    private HttpResponse<String> post(String path, String token) throws IOException, InterruptedException {
        return send("POST", path, null, token);
    }

    private HttpResponse<String> send(String method, String path, String json, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private static void awaitExit(Process process, Duration atMost) {
        try {
            if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
                Stream.concat(process.descendants(), Stream.of(process.toHandle())).forEach(ProcessHandle::destroyForcibly);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
