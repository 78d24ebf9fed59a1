package io.storefront.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A customer (or the demo administrator) using the platform over HTTP, as a client program would. */
final class Shopper {

    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"accessToken\":\"([^\"]+)\"");
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final String base;
    private final String token;

    private Shopper(String base, String token) {
        this.base = base;
        this.token = token;
    }

    static Shopper register(String base) throws IOException, InterruptedException {
        String email = "bench-" + UUID.randomUUID() + "@example.com";
        expect(201, send(base, "POST", "/api/auth/register", null,
                "{\"name\":\"Bench Shopper\",\"email\":\"" + email + "\",\"password\":\"bench-password-1\"}"));
        return login(base, email, "bench-password-1");
    }

    static Shopper login(String base, String email, String password) throws IOException, InterruptedException {
        String body = expect(200, send(base, "POST", "/api/auth/login", null,
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"));
        return new Shopper(base, match(ACCESS_TOKEN, body));
    }

    /** The same caller, sending to another address (e.g. a service directly instead of the gateway). */
    Shopper at(String otherBase) {
        return new Shopper(otherBase, token);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(base, "GET", path, token, null);
    }

    HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
        return send(base, method, path, token, json);
    }

    static String idOf(HttpResponse<String> created) {
        return match(ID, expect(201, created));
    }

    static String expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static HttpResponse<String> send(String base, String method, String path, String token, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String match(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        if (!matcher.find()) {
            throw new IllegalStateException("Unexpected answer: " + body);
        }
        return matcher.group(1);
    }
}
