package io.storefront.gateway;

import io.storefront.api.payment.PaymentId;
import io.storefront.api.shipment.ShipmentId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every route, called through the gateway as nobody, as customer A (who owns the resources), as
 * customer B, and as an administrator, with the answer each must get. Another customer's resource
 * is a 404, as if it did not exist.
 */
class AuthorizationMatrixTest {

    private static final int OK = 200, CREATED = 201, ACCEPTED = 202, NO_CONTENT = 204;
    private static final int UNAUTHORIZED = 401, FORBIDDEN = 403, NOT_FOUND = 404;

    private static RestTestClient http;
    private static Customer admin;
    private static Customer alice;
    private static Customer bob;
    private static String paidOrder;
    private static String openOrder;

    record Call(HttpMethod method, String uri, Object body, int anonymous, int owner, int other, int administrator) {
    }

    @BeforeAll
    static void aShopWithTwoCustomers() {
        http = Platform.client();
        admin = Customer.admin(http);
        alice = Customer.register(http);
        bob = Customer.register(http);
        String product = admin.product(http, 10);
        paidOrder = alice.order(http, product, "4242424242424242");
        openOrder = alice.order(http, product, null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> alice.sends(http.get()
                .uri("/api/shipments/{id}", ShipmentId.forOrder(paidOrder))).exchange().expectStatus().isOk());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> alice.sends(http.get()
                .uri("/api/users/{id}", alice.userId())).exchange().expectStatus().isOk());
    }

    @Test
    void every_route_answers_each_caller_as_it_should() {
        List<Call> calls = List.of(
                new Call(HttpMethod.GET, "/api/catalog", null, OK, OK, OK, OK),
                new Call(HttpMethod.GET, "/.well-known/jwks.json", null, OK, OK, OK, OK),
                new Call(HttpMethod.GET, "/api/orders/" + paidOrder, null, UNAUTHORIZED, OK, NOT_FOUND, OK),
                new Call(HttpMethod.GET, "/api/orders/" + paidOrder + "/tracking", null, UNAUTHORIZED, OK, NOT_FOUND, OK),
                new Call(HttpMethod.GET, "/api/orders?customerId=" + alice.userId(), null, UNAUTHORIZED, OK, NOT_FOUND, OK),
                new Call(HttpMethod.GET, "/api/payments/" + PaymentId.forOrder(paidOrder), null, UNAUTHORIZED, OK, NOT_FOUND, OK),
                new Call(HttpMethod.GET, "/api/shipments/" + ShipmentId.forOrder(paidOrder), null, UNAUTHORIZED, OK, NOT_FOUND, OK),
                new Call(HttpMethod.GET, "/api/users/" + alice.userId(), null, UNAUTHORIZED, OK, NOT_FOUND, OK),
                new Call(HttpMethod.PUT, "/api/users/" + alice.userId() + "/profile", Map.of("name", "Rina Amelia"),
                        UNAUTHORIZED, NO_CONTENT, NOT_FOUND, NO_CONTENT),
                new Call(HttpMethod.GET, "/api/users", null, UNAUTHORIZED, FORBIDDEN, FORBIDDEN, OK),
                new Call(HttpMethod.GET, "/api/stock", null, UNAUTHORIZED, FORBIDDEN, FORBIDDEN, OK),
                new Call(HttpMethod.GET, "/api/audit/" + paidOrder, null, UNAUTHORIZED, FORBIDDEN, FORBIDDEN, OK),
                new Call(HttpMethod.GET, "/api/admin/projections/orders-view", null, UNAUTHORIZED, FORBIDDEN, FORBIDDEN, OK),
                new Call(HttpMethod.POST, "/api/products", Map.of("sku", "MATRIX-1", "name", "Teh", "category", "Tea",
                        "price", Map.of("amount", "20000", "currency", "IDR")), UNAUTHORIZED, FORBIDDEN, FORBIDDEN, CREATED),
                new Call(HttpMethod.POST, "/api/shipments/" + ShipmentId.forOrder(paidOrder) + "/tracking",
                        Map.of("status", "IN_TRANSIT", "occurredAt", "2030-01-01T10:00:00Z", "location", "Bandung hub"),
                        UNAUTHORIZED, FORBIDDEN, FORBIDDEN, NO_CONTENT),
                new Call(HttpMethod.PUT, "/api/payments/instructions/" + openOrder, Map.of("cardNumber", "4000000000000002"),
                        UNAUTHORIZED, ACCEPTED, NOT_FOUND, ACCEPTED),
                new Call(HttpMethod.POST, "/api/orders/" + openOrder + "/cancellation", null,
                        UNAUTHORIZED, NO_CONTENT, NOT_FOUND, NO_CONTENT),
                new Call(HttpMethod.GET, "/api/auth/sessions", null, UNAUTHORIZED, OK, OK, OK),
                new Call(HttpMethod.POST, "/api/auth/signing-keys", null, UNAUTHORIZED, FORBIDDEN, FORBIDDEN, CREATED));

        List<String> wrong = new ArrayList<>();
        for (Call call : calls) {
            // the other customer goes before the owner, so that nothing the owner changes hides a leak
            check(call, null, call.anonymous(), wrong);
            check(call, bob, call.other(), wrong);
            check(call, alice, call.owner(), wrong);
            check(call, admin, call.administrator(), wrong);
        }
        assertThat(wrong).isEmpty();
    }

    private static void check(Call call, Customer caller, int expected, List<String> wrong) {
        var request = http.method(call.method()).uri(call.uri());
        if (caller != null) {
            caller.sends(request);
        }
        if (call.body() != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(call.body());
        }
        var result = request.exchange().returnResult(String.class);
        int status = result.getStatus().value();
        boolean problemWhenRefused = status < 400 || MediaType.APPLICATION_PROBLEM_JSON
                .isCompatibleWith(result.getResponseHeaders().getContentType());
        if (status != expected || !problemWhenRefused) {
            String who = caller == null ? "anonymous" : caller == admin ? "admin" : caller == alice ? "owner" : "other";
            wrong.add(call.method() + " " + call.uri() + " as " + who + ": " + status + " (expected " + expected + ")");
        }
    }
}
