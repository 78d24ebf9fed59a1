package io.storefront.launcher.abuse;

import io.storefront.launcher.StorefrontLauncher;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded default as an attacker meets it: one platform per test JVM (each abuse spec runs in a JVM
 * of its own), reached through the gateway only, over plain HTTP. Customers are registered and logged in
 * the way anyone on the internet can.
 */
final class Shopfront {

    static final JsonMapper JSON = JsonMapper.shared();
    static final String KOPI_TORAJA = "e0e9ce7f-520e-31f8-a356-5d32222e9b22";   // 85,000 IDR, in stock
    static final String KOPI_GAYO = "40b065b0-2c97-3e35-b5b8-be15f4edb26d";     // 92,000 IDR, in stock
    static final String APPROVED_CARD = "4242424242424242";
    /** Long enough to act on a paid order before the carrier takes its parcel, short enough to watch it ship. */
    static final Duration CARRIER_STEP = Duration.ofSeconds(5);

    private static StorefrontLauncher launcher;
    private static String[] settings = {};
    private static final HttpClient http = HttpClient.newHttpClient();

    /** A signed-in caller: its id and its access token. */
    record Caller(String id, String token) {
    }

    private Shopfront() {
    }

    /** The platform of this JVM, started on free ports at first use; stopped after the spec ({@link StopsThePlatform}). */
    static synchronized StorefrontLauncher platform() {
        if (launcher == null) {
            List<String> args = new ArrayList<>(List.of("--server.port=0", "--storefront.command-port=0",
                    "--storefront.query-port=0", "--storefront.management-port=0",
                    "--storefront.carrier.simulated.step=" + CARRIER_STEP.toSeconds() + "s"));
            args.addAll(List.of(settings));
            launcher = StorefrontLauncher.start(args.toArray(String[]::new));
        }
        return launcher;
    }

    /** Settings of a spec's own for the platform, before its first use (from the spec's {@code @BeforeAll}). */
    static synchronized void startWith(String... specSettings) {
        if (launcher != null) {
            throw new IllegalStateException("The platform of this JVM runs already");
        }
        settings = specSettings.clone();
    }

    /**
     * Stops the platform after a spec's last test, apps first and then their servers, while the JVM still
     * runs: stopped from a shutdown hook instead, it races the embedded servers' own hooks and outlasts the
     * JVM's exit.
     */
    static final class StopsThePlatform implements AfterAllCallback {

        @Override
        public void afterAll(ExtensionContext context) {
            synchronized (Shopfront.class) {
                if (launcher != null) {
                    launcher.close();
                    launcher = null;
                }
                settings = new String[0];
            }
        }
    }

    static String url(String path) {
        return "http://localhost:" + platform().port() + path;
    }

    static HttpResponse<String> send(String method, String path, String json, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String path, String token) throws Exception {
        return send("GET", path, null, token);
    }

    static HttpResponse<String> post(String path, String json, String token) throws Exception {
        return send("POST", path, json, token);
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** A new customer, registered and logged in through the public API. */
    static Caller customer() throws Exception {
        String email = "customer-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> registered = post("/api/auth/register",
                "{\"name\":\"Dewi Lestari\",\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}", null);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        return new Caller(json(registered).path("id").asString(), login(email, "correct horse battery"));
    }

    static Caller admin() throws Exception {
        String token = login(StorefrontLauncher.DEMO_ADMIN_EMAIL, StorefrontLauncher.DEMO_ADMIN_PASSWORD);
        return new Caller(null, token);
    }

    static String login(String email, String password) throws Exception {
        HttpResponse<String> login = post("/api/auth/login",
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", null);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return json(login).path("accessToken").asString();
    }

    /** Asserts an RFC 9457 refusal with the given status, never a stack trace. */
    static JsonNode problem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        return json(response);
    }
}
