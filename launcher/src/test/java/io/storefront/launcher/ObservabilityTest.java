package io.storefront.launcher;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The embedded platform as an operator sees it, with the JSON logs of the deployed apps, after a morning
 * of customers: two registrations, logins, an email and a phone verified, a checkout paid by card, one
 * declined, a refreshed session and a mistyped password. Every log line is Elastic Common Schema JSON,
 * lines about a request or a message carry its correlation id and the acting user's id, and no line
 * holds a password, hash, token, key, card number, email or phone number of theirs. Every metric that
 * an alert rule or a dashboard panel selects (read by a real PromQL parser) is in the apps' output, with
 * the labels the selector matches on.
 */
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final Path OBSERVABILITY = Path.of("..", "docs", "observability");
    private static final String APPROVED_CARD = "4242424242424242";
    private static final String DECLINED_CARD = "4000000000000002";
    /** Made by Prometheus for every target it scrapes, not by the apps. */
    private static final Set<String> SCRAPE_SERIES = Set.of("up");
    private static final Set<String> TARGET_LABELS = Set.of("job", "instance");

    private static final HttpClient http = HttpClient.newHttpClient();
    private static StorefrontLauncher launcher;
    private static CapturedOutput output;
    private static int logStart;
    private static final List<String> secrets = new ArrayList<>();
    private static final Map<String, String> userOfCorrelationId = new HashMap<>();
    private static String customerId;
    private static String checkoutCorrelationId;

    @BeforeAll
    static void aMorningOfCustomers(CapturedOutput captured) throws Exception {
        output = captured;
        launcher = StorefrontLauncher.start("--server.port=0", "--storefront.command-port=0", "--storefront.query-port=0",
                "--storefront.management-port=0", "--logging.structured.format.console=ecs",
                // one line per request and per message handled, each in its context
                "--logging.level.io.storefront.api.logging=DEBUG");
        // what was logged before the apps configured the logging (the embedded servers starting) is not the apps'
        logStart = output.getOut().indexOf("{\"@timestamp\"");
        String admin = login(StorefrontLauncher.DEMO_ADMIN_EMAIL, StorefrontLauncher.DEMO_ADMIN_PASSWORD).path("accessToken").asString();

        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String email = "siti-" + suffix + "@example.com";
        String phone = "+62812" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
        String password = "kopi-luwak-" + suffix;
        String otherEmail = "budi-" + suffix + "@example.com";
        String otherPassword = "teh-tarik-" + suffix;
        secrets.addAll(List.of(email, phone, phone.substring(1), password, otherEmail, otherPassword, APPROVED_CARD, DECLINED_CARD));

        customerId = register("Siti Rahma", email, phone, password);
        register("Budi Santoso", otherEmail, null, otherPassword);
        JsonNode tokens = login(email, password);
        String token = tokens.path("accessToken").asString();
        secrets.addAll(List.of(token, tokens.path("refreshToken").asString(), login(otherEmail, otherPassword).path("accessToken").asString()));
        assertThat(send("POST", "/api/auth/login", "{\"email\":\"" + email + "\",\"password\":\"not-" + password + "\"}", null, null)
                .statusCode()).isEqualTo(401);
        secrets.add("not-" + password);

        verify("EMAIL", "/demo/mailbox?to=" + email, token, admin);
        verify("PHONE", "/demo/outbox?to=" + phone.replace("+", "%2B"), token, admin);
        JsonNode refreshed = JSON.readTree(send("POST", "/api/auth/refresh", "{\"refreshToken\":\"" + tokens.path("refreshToken").asString() + "\"}",
                null, null).body());
        token = refreshed.path("accessToken").asString();
        secrets.addAll(List.of(token, refreshed.path("refreshToken").asString()));

        checkoutCorrelationId = correlationId(customerId);
        String paid = checkout(token, APPROVED_CARD, checkoutCorrelationId);
        String declined = checkout(token, DECLINED_CARD, correlationId(customerId));
        awaitStatus(paid, "PAID", token);
        awaitStatus(declined, "CANCELLED", token);
        // the stored secrets, which no line may show either
        JdbcClient database = launcher.platform().getBean(JdbcClient.class);
        secrets.addAll(database.sql("SELECT password_hash FROM credential").query(String.class).list());
        secrets.addAll(database.sql("SELECT private_key FROM signing_key").query(byte[].class).list().stream()
                .map(key -> Base64.getEncoder().encodeToString(key)).toList());
    }

    @AfterAll
    static void stop() {
        if (launcher != null) {
            launcher.close();
        }
    }

    @Test
    void every_line_is_ecs_json_with_its_request_s_correlation_id_and_user_and_nothing_secret_or_personal() {
        List<String> lines = output.getOut().substring(logStart).lines().filter(line -> !line.isBlank()).toList();
        assertThat(lines).hasSizeGreaterThan(100);
        List<JsonNode> entries = new ArrayList<>();
        for (String line : lines) {
            JsonNode entry = JSON.readTree(line);
            assertThat(entry.path("ecs").path("version").asString()).as(line).isNotBlank();
            assertThat(entry.path("@timestamp").asString()).as(line).isNotBlank();
            assertThat(entry.path("log").path("level").asString()).as(line).isNotBlank();
            assertThat(entry.path("log").path("logger").asString()).as(line).isNotBlank();
            assertThat(entry.path("process").path("thread").path("name").asString()).as(line).isNotBlank();
            assertThat(entry.path("service").path("name").asString()).as(line).isNotBlank();
            assertThat(entry.has("message")).as(line).isTrue();
            entries.add(entry);
        }

        // the lines of each request and message handled (DEBUG), not the filter's own start-up line
        List<JsonNode> inContext = entries.stream().filter(entry -> entry.path("log").path("logger").asString().startsWith("io.storefront.api.logging")
                && entry.path("message").asString().matches("Handling \\w+|\\w+ \\S+ answered \\d{3}")).toList();
        assertThat(inContext).isNotEmpty().allSatisfy(entry ->
                assertThat(entry.path("correlation").path("id").asString()).as(entry.toString()).isNotBlank());
        assertThat(entries).filteredOn(entry -> userOfCorrelationId.containsKey(entry.path("correlation").path("id").asString()))
                .allSatisfy(entry -> assertThat(entry.path("user").path("id").asString()).as(entry.toString())
                        .isEqualTo(userOfCorrelationId.get(entry.path("correlation").path("id").asString())));
        // the checkout's policies and projections, on their processors' threads, log in the customer's request's context
        assertThat(entries).filteredOn(entry -> entry.path("message").asString().equals("Handling OrderPlaced"))
                .anySatisfy(entry -> {
                    assertThat(entry.path("correlation").path("id").asString()).isEqualTo(checkoutCorrelationId);
                    assertThat(entry.path("user").path("id").asString()).isEqualTo(customerId);
                    assertThat(entry.path("process").path("thread").path("name").asString()).doesNotContain("exec");
                });

        String everything = output.toString();
        assertThat(secrets).allSatisfy(secret -> assertThat(everything).as("no line holds a secret or personal datum").doesNotContain(secret));
    }

    @Test
    void every_metric_an_alert_or_a_dashboard_selects_is_in_the_apps_output_with_the_labels_it_matches_on() throws Exception {
        List<String> expressions = new ArrayList<>(alertExpressions());
        expressions.addAll(dashboardExpressions());
        assertThat(expressions).hasSizeGreaterThan(30);
        Map<String, Set<String>> served = new HashMap<>();
        for (String url : List.of(commandSideUrl(), querySideUrl(), launcher.managementUrl())) {
            scrape(url).forEach((name, labels) -> served.computeIfAbsent(name, any -> new HashSet<>()).addAll(labels));
        }

        // the paid checkout was timed from placed to paid, and its read models' changes from commit to Kafka
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(count(querySideUrl(), "storefront_checkout_duration_seconds_count")).isEqualTo(1);
            assertThat(count(querySideUrl(), "storefront_capture_lag_seconds_count")).isPositive();
        });

        JsonNode parsed = selectors(expressions);
        for (int index = 0; index < expressions.size(); index++) {
            String expression = expressions.get(index);
            JsonNode answer = parsed.get(index);
            assertThat(answer.path("error").asString("")).as("parse error in %s", expression).isEmpty();
            assertThat(answer.path("selectors").isEmpty()).as("%s selects nothing", expression).isFalse();
            for (JsonNode selector : answer.path("selectors")) {
                String name = selector.path("name").asString();
                if (SCRAPE_SERIES.contains(name)) {
                    continue;
                }
                assertThat(served).as("%s in %s", name, expression).containsKey(name);
                for (JsonNode label : selector.path("labels")) {
                    if (!TARGET_LABELS.contains(label.asString())) {
                        assertThat(served.get(name)).as("label %s of %s in %s", label.asString(), name, expression).contains(label.asString());
                    }
                }
            }
        }
    }

    private static List<String> alertExpressions() throws IOException {
        try (InputStream rules = Files.newInputStream(OBSERVABILITY.resolve("prometheus/alerts.yml"))) {
            Map<String, List<Map<String, List<Map<String, Object>>>>> file = new Yaml().load(rules);
            return file.get("groups").stream().flatMap(group -> group.get("rules").stream())
                    .map(rule -> rule.get("expr").toString()).toList();
        }
    }

    /** Every panel's queries, and the metric each template variable lists its values from. */
    private static List<String> dashboardExpressions() throws IOException {
        List<String> expressions = new ArrayList<>();
        try (Stream<Path> dashboards = Files.list(OBSERVABILITY.resolve("grafana/dashboards"))) {
            for (Path dashboard : dashboards.filter(file -> file.toString().endsWith(".json")).toList()) {
                JsonNode root = JSON.readTree(dashboard.toFile());
                assertThat(root.path("uid").asString()).as(dashboard.toString()).isNotBlank();
                for (JsonNode panel : root.path("panels")) {
                    assertThat(panel.path("targets").isEmpty()).as("%s: %s has no query", dashboard, panel.path("title")).isFalse();
                    panel.path("targets").forEach(target -> expressions.add(target.path("expr").asString()));
                }
                for (JsonNode variable : root.path("templating").path("list")) {
                    Matcher values = Pattern.compile("label_values\\((.+),\\s*\\w+\\)").matcher(variable.path("query").path("query").asString(""));
                    if (values.matches()) {
                        expressions.add(values.group(1));
                    }
                }
            }
        }
        return expressions;
    }

    /** The selectors of each expression, read by promql-parser (PyPI; `.ci/run` installs it). */
    private static JsonNode selectors(List<String> expressions) throws Exception {
        Process parser = new ProcessBuilder("python3", "src/test/python/promql_selectors.py").start();
        try (var stdin = parser.getOutputStream()) {
            stdin.write(JSON.writeValueAsBytes(expressions));
        }
        String answer = new String(parser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String errors = new String(parser.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(parser.waitFor()).as("promql_selectors.py: %s", errors).isZero();
        return JSON.readTree(answer);
    }

    /** Every sample name the app serves, with the label names it carries. */
    private static Map<String, Set<String>> scrape(String baseUrl) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Set<String>> series = new HashMap<>();
        Pattern label = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"");
        for (String line : body.lines().filter(line -> !line.startsWith("#") && !line.isBlank()).toList()) {
            int end = line.indexOf('{') >= 0 ? line.indexOf('{') : line.indexOf(' ');
            Set<String> labels = series.computeIfAbsent(line.substring(0, end), any -> new HashSet<>());
            if (line.indexOf('{') >= 0) {
                label.matcher(line.substring(end, line.lastIndexOf('}'))).results().forEach(found -> labels.add(found.group(1)));
            }
        }
        return series;
    }

    /** The sum of the app's samples of {@code name}. */
    private static double count(String baseUrl, String name) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*\\})? (\\S+)$").matcher(body).results()
                .mapToDouble(sample -> Double.parseDouble(sample.group(1))).sum();
    }

    /** The command side's actuator, on its own port on this machine (as Prometheus scrapes it). */
    private static String commandSideUrl() {
        return StorefrontLauncher.managementUrlOf(launcher.platform());
    }

    private static String querySideUrl() {
        return StorefrontLauncher.managementUrlOf(launcher.querySide());
    }

    /** A correlation id of a request the user makes as themselves, as the gateway passes it on. */
    private static String correlationId(String userId) {
        String correlationId = "obs-" + UUID.randomUUID();
        userOfCorrelationId.put(correlationId, userId);
        return correlationId;
    }

    private static String register(String name, String email, String phone, String password) throws Exception {
        String body = "{\"name\":\"" + name + "\",\"email\":\"" + email + "\",\"password\":\"" + password + "\""
                + (phone == null ? "" : ",\"phone\":\"" + phone + "\"") + "}";
        HttpResponse<String> registered = send("POST", "/api/auth/register", body, null, null);
        assertThat(registered.statusCode()).isEqualTo(201);
        return JSON.readTree(registered.body()).path("id").asString();
    }

    private static JsonNode login(String email, String password) throws Exception {
        HttpResponse<String> login = send("POST", "/api/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}",
                null, null);
        assertThat(login.statusCode()).isEqualTo(200);
        return JSON.readTree(login.body());
    }

    /** Asks for a code on a channel, reads it where the embedded default keeps what was sent, and confirms it. */
    private static void verify(String channel, String sentTo, String token, String admin) throws Exception {
        assertThat(send("POST", "/api/users/" + customerId + "/verifications", "{\"channel\":\"" + channel + "\"}", token,
                correlationId(customerId)).statusCode()).isEqualTo(202);
        Pattern code = Pattern.compile("(?:it is you:|code is)\\D{0,20}(\\d{6})");
        String sent = await().atMost(PATIENCE).until(() -> send("GET", sentTo, null, admin, null).body(), body -> code.matcher(body).find());
        Matcher found = code.matcher(sent);
        assertThat(found.find()).isTrue();
        assertThat(send("POST", "/api/users/" + customerId + "/verifications/confirmation",
                "{\"channel\":\"" + channel + "\",\"code\":\"" + found.group(1) + "\"}", token, correlationId(customerId))
                .statusCode()).isEqualTo(204);
    }

    /** A box of jasmine tea, paid with the card; answers the order's id. */
    private static String checkout(String token, String card, String correlationId) throws Exception {
        String order = "{\"lines\":[{\"productId\":\"" + DemoCatalog.productId("TEH-MELATI-100") + "\",\"quantity\":1,"
                + "\"unitPrice\":{\"amount\":35000,\"currency\":\"IDR\"}}],"
                + "\"shippingAddress\":{\"recipient\":\"Siti Rahma\",\"line1\":\"Jl. Malioboro 5\","
                + "\"city\":\"Yogyakarta\",\"postalCode\":\"55271\",\"country\":\"ID\"}}";
        HttpResponse<String> placed = send("POST", "/api/orders", order, token, correlationId);
        assertThat(placed.statusCode()).isEqualTo(201);
        String orderId = JSON.readTree(placed.body()).path("id").asString();
        assertThat(send("PUT", "/api/payments/instructions/" + orderId, "{\"cardNumber\":\"" + card + "\"}", token, correlationId)
                .statusCode()).isEqualTo(202);
        return orderId;
    }

    private static void awaitStatus(String orderId, String status, String token) {
        await().atMost(PATIENCE).until(() -> send("GET", "/api/orders/" + orderId, null, token, null).body()
                .contains("\"status\":\"" + status + "\""));
    }

    private static HttpResponse<String> send(String method, String path, String json, String token, String correlationId)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + launcher.port() + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (correlationId != null) {
            request.header("X-Correlation-Id", correlationId);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
