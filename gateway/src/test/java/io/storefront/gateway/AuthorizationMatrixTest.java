package io.storefront.gateway;

import io.storefront.api.notification.Channel;
import io.storefront.api.notification.Message;
import io.storefront.api.notification.NotificationKind;
import io.storefront.api.notification.QueueNotification;
import io.storefront.api.payment.PaymentId;
import io.storefront.api.shipment.ShipmentId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPatternParser;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every route of both services, called through the gateway as nobody, as customer A (who owns the
 * resources), as customer B, and as an administrator, with the answer each must get. Another customer's
 * resource is a 404, as if it did not exist; shop work on an unknown id is a 404 for the administrator,
 * which shows the call got through to the service.
 */
class AuthorizationMatrixTest {

    private static final int OK = 200, CREATED = 201, ACCEPTED = 202, NO_CONTENT = 204;
    private static final int UNAUTHORIZED = 401, FORBIDDEN = 403, NOT_FOUND = 404, CONFLICT = 409;
    private static final int UNPROCESSABLE = 422, TOO_MANY = 429;
    private static final Map<String, Object> ADDRESS = Map.of("recipient", "Rina", "line1", "Jl. Braga 10",
            "city", "Bandung", "postalCode", "40111", "country", "ID");
    private static final Map<String, String> REASON = Map.of("reason", "matrix");

    private static RestTestClient http;
    private static Customer admin;
    private static Customer alice;
    private static Customer bob;
    private static String product;
    private static String paidOrder;
    private static String openOrder;
    private static String alicesOtherSession;
    private static String alicesNotification;

    /** A call, and the status each caller gets: nobody, the owner, another customer, an administrator. */
    record Call(HttpMethod method, String uri, Supplier<Object> body, int anonymous, int owner, int other, int administrator) {

        static Call get(String uri, int anonymous, int owner, int other, int administrator) {
            return new Call(HttpMethod.GET, uri, () -> null, anonymous, owner, other, administrator);
        }

        static Call send(HttpMethod method, String uri, Object body, int anonymous, int owner, int other, int administrator) {
            return new Call(method, uri, () -> body, anonymous, owner, other, administrator);
        }

        /** Shop work: for administrators only; on an unknown id, the service answers 404 to them. */
        static Call shopWork(HttpMethod method, String uri, Object body) {
            return send(method, uri, body, UNAUTHORIZED, FORBIDDEN, FORBIDDEN, NOT_FOUND);
        }
    }

    @BeforeAll
    static void aShopWithTwoCustomers() {
        http = Platform.client();
        admin = Customer.admin(http);
        alice = Customer.register(http);
        bob = Customer.register(http);
        alicesOtherSession = Customer.login(http, alice.userId(), alice.email(), Customer.PASSWORD).sessionId();
        product = admin.product(http, 10);
        paidOrder = alice.order(http, product, "4242424242424242");
        openOrder = alice.order(http, product, null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> alice.sends(http.get()
                .uri("/api/shipments/{id}", ShipmentId.forOrder(paidOrder))).exchange().expectStatus().isOk());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> alice.sends(http.get()
                .uri("/api/users/{id}", alice.userId())).exchange().expectStatus().isOk());
        alicesNotification = notified(alice);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> alice.sends(http.get()
                .uri("/api/notifications/{id}", alicesNotification)).exchange().expectStatus().isOk());
    }

    /**
     * A message queued for the customer. Notifications are off here, so nothing queues one over HTTP: the
     * delivery record is written as the notification policy would, on the command side's command bus.
     */
    private static String notified(Customer customer) {
        String notificationId = "notification-" + UUID.randomUUID();
        Platform.commandSides().getFirst().getBean(CommandGateway.class).sendAndWait(new QueueNotification(notificationId,
                new Message(customer.userId(), Channel.EMAIL, NotificationKind.VERIFICATION_CODE, customer.email(), "en", null)));
        return notificationId;
    }

    private static List<Call> calls() {
        String unknown = UUID.randomUUID().toString();
        String payment = PaymentId.forOrder(paidOrder);
        String shipment = ShipmentId.forOrder(paidOrder);
        Map<String, Object> line = Map.of("productId", product, "quantity", 1,
                "unitPrice", Map.of("amount", "90000", "currency", "IDR"));
        return List.of(
                // accounts
                new Call(HttpMethod.POST, "/api/auth/register", () -> Map.of("name", "Dewi", "password", Customer.PASSWORD,
                        "email", "matrix-" + UUID.randomUUID() + "@example.com"), CREATED, CREATED, CREATED, CREATED),
                Call.send(HttpMethod.POST, "/api/auth/login", Map.of("email", alice.email(), "password", Customer.PASSWORD),
                        OK, OK, OK, OK),
                Call.send(HttpMethod.POST, "/api/auth/refresh", Map.of("refreshToken", "not-a-refresh-token"),
                        UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED),
                Call.get("/.well-known/jwks.json", OK, OK, OK, OK),
                Call.get("/api/auth/sessions", UNAUTHORIZED, OK, OK, OK),
                Call.send(HttpMethod.DELETE, "/api/auth/sessions/" + alicesOtherSession, null,
                        UNAUTHORIZED, NO_CONTENT, NOT_FOUND, NOT_FOUND),
                Call.send(HttpMethod.POST, "/api/auth/signing-keys", null, UNAUTHORIZED, FORBIDDEN, FORBIDDEN, CREATED),
                // users
                Call.get("/api/users", UNAUTHORIZED, FORBIDDEN, FORBIDDEN, OK),
                Call.get("/api/users/" + alice.userId(), UNAUTHORIZED, OK, NOT_FOUND, OK),
                Call.send(HttpMethod.PUT, "/api/users/" + alice.userId() + "/profile", Map.of("name", "Rina Amelia"),
                        UNAUTHORIZED, NO_CONTENT, NOT_FOUND, NO_CONTENT),
                // the owner asks for a code; the administrator asking again within the minute is too soon
                Call.send(HttpMethod.POST, "/api/users/" + alice.userId() + "/verifications", Map.of("channel", "EMAIL"),
                        UNAUTHORIZED, ACCEPTED, NOT_FOUND, TOO_MANY),
                Call.send(HttpMethod.POST, "/api/users/" + alice.userId() + "/verifications/confirmation",
                        Map.of("channel", "EMAIL", "code", "000000"), UNAUTHORIZED, UNPROCESSABLE, NOT_FOUND, UNPROCESSABLE),
                Call.send(HttpMethod.PUT, "/api/users/" + alice.userId() + "/notification-preferences",
                        Map.of("language", "id", "optedOut", List.of("SMS")), UNAUTHORIZED, NO_CONTENT, NOT_FOUND, NO_CONTENT),
                // notifications: each customer lists their own
                Call.get("/api/notifications", UNAUTHORIZED, OK, OK, OK),
                Call.get("/api/notifications/" + alicesNotification, UNAUTHORIZED, OK, NOT_FOUND, OK),
                // catalog and inventory
                Call.get("/api/catalog", OK, OK, OK, OK),
                Call.get("/api/catalog/" + product, OK, OK, OK, OK),
                Call.get("/api/stock", UNAUTHORIZED, FORBIDDEN, FORBIDDEN, OK),
                Call.get("/api/stock/" + product, UNAUTHORIZED, FORBIDDEN, FORBIDDEN, OK),
                new Call(HttpMethod.POST, "/api/products", () -> Map.of("sku", "MATRIX-" + UUID.randomUUID().toString()
                        .substring(0, 8).toUpperCase(), "name", "Teh", "category", "Tea", "price", Map.of("amount", "20000", "currency", "IDR")),
                        UNAUTHORIZED, FORBIDDEN, FORBIDDEN, CREATED),
                Call.shopWork(HttpMethod.PUT, "/api/products/" + unknown, Map.of("name", "Teh", "category", "Tea")),
                Call.shopWork(HttpMethod.PUT, "/api/products/" + unknown + "/price",
                        Map.of("price", Map.of("amount", "1", "currency", "IDR"))),
                Call.shopWork(HttpMethod.POST, "/api/products/" + unknown + "/discontinuation", null),
                Call.shopWork(HttpMethod.POST, "/api/products/" + unknown + "/stock", Map.of("quantity", 1)),
                Call.shopWork(HttpMethod.POST, "/api/products/" + unknown + "/reservations",
                        Map.of("orderId", unknown, "quantity", 1)),
                Call.shopWork(HttpMethod.DELETE, "/api/products/" + unknown + "/reservations/" + unknown, null),
                Call.shopWork(HttpMethod.POST, "/api/products/" + unknown + "/reservations/" + unknown + "/commitment", null),
                // orders
                Call.send(HttpMethod.POST, "/api/orders", Map.of("lines", List.of(line), "shippingAddress", ADDRESS),
                        UNAUTHORIZED, CREATED, CREATED, CREATED),
                Call.get("/api/orders?customerId=" + alice.userId(), UNAUTHORIZED, OK, NOT_FOUND, OK),
                Call.get("/api/orders/" + paidOrder, UNAUTHORIZED, OK, NOT_FOUND, OK),
                Call.get("/api/orders/" + paidOrder + "/tracking", UNAUTHORIZED, OK, NOT_FOUND, OK),
                Call.shopWork(HttpMethod.POST, "/api/orders/" + unknown + "/line-reservations", Map.of("productId", product,
                        "unitPrice", Map.of("amount", "90000", "currency", "IDR"))),
                Call.shopWork(HttpMethod.POST, "/api/orders/" + unknown + "/rejection", REASON),
                Call.shopWork(HttpMethod.POST, "/api/orders/" + unknown + "/payment", Map.of("paymentId", unknown)),
                Call.shopWork(HttpMethod.POST, "/api/orders/" + unknown + "/shipment", Map.of("shipmentId", unknown)),
                Call.shopWork(HttpMethod.POST, "/api/orders/" + unknown + "/delivery", null),
                Call.send(HttpMethod.PUT, "/api/payments/instructions/" + openOrder, Map.of("cardNumber", "4000000000000002"),
                        UNAUTHORIZED, ACCEPTED, NOT_FOUND, ACCEPTED),
                Call.send(HttpMethod.POST, "/api/orders/" + openOrder + "/cancellation", null,
                        UNAUTHORIZED, NO_CONTENT, NOT_FOUND, NO_CONTENT),
                // a cancelled order's stream ends at once with its final status
                Call.get("/api/orders/" + openOrder + "/tracking/stream", UNAUTHORIZED, OK, NOT_FOUND, OK),
                // payments
                Call.get("/api/payments?orderId=" + paidOrder, UNAUTHORIZED, OK, OK, OK),
                Call.get("/api/payments/" + payment, UNAUTHORIZED, OK, NOT_FOUND, OK),
                Call.send(HttpMethod.POST, "/api/payments", Map.of("orderId", paidOrder,
                        "amount", Map.of("amount", "90000", "currency", "IDR"), "method", "CARD"),
                        UNAUTHORIZED, FORBIDDEN, FORBIDDEN, CONFLICT),
                Call.shopWork(HttpMethod.POST, "/api/payments/" + unknown + "/capture", Map.of("gatewayReference", "x")),
                Call.shopWork(HttpMethod.POST, "/api/payments/" + unknown + "/decline", REASON),
                Call.shopWork(HttpMethod.POST, "/api/payments/" + unknown + "/refund", REASON),
                // shipments
                Call.get("/api/shipments?orderId=" + paidOrder, UNAUTHORIZED, OK, OK, OK),
                Call.get("/api/shipments/" + shipment, UNAUTHORIZED, OK, NOT_FOUND, OK),
                Call.send(HttpMethod.POST, "/api/shipments", Map.of("orderId", paidOrder, "address", ADDRESS, "carrier", "JNE"),
                        UNAUTHORIZED, FORBIDDEN, FORBIDDEN, CONFLICT),
                Call.send(HttpMethod.POST, "/api/shipments/" + shipment + "/tracking",
                        Map.of("status", "IN_TRANSIT", "occurredAt", "2030-01-01T10:00:00Z", "location", "Bandung hub"),
                        UNAUTHORIZED, FORBIDDEN, FORBIDDEN, NO_CONTENT),
                // the sandbox bank's 3-D Secure page needs no token but an address only its customer was given
                Call.send(HttpMethod.POST, "/api/payments/sandbox/3ds/" + unknown, Map.of("authenticated", true),
                        NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
                // the carrier's webhook needs no token but the carrier's signature, whoever sends it
                Call.send(HttpMethod.POST, "/api/shipments/webhooks/carrier",
                        Map.of("shipmentId", shipment, "status", "DELIVERED", "occurredAt", "2030-01-02T10:00:00Z"),
                        UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED),
                // operations
                Call.get("/api/audit/" + paidOrder, UNAUTHORIZED, FORBIDDEN, FORBIDDEN, OK),
                Call.get("/api/admin/projections/orders-view", UNAUTHORIZED, FORBIDDEN, FORBIDDEN, OK),
                Call.send(HttpMethod.POST, "/api/admin/projections/no-such-view/replay", null,
                        UNAUTHORIZED, FORBIDDEN, FORBIDDEN, NOT_FOUND),
                Call.get("/api/admin/analytics?currency=IDR", UNAUTHORIZED, FORBIDDEN, FORBIDDEN, OK),
                Call.get("/api/admin/projections/users-view/dead-letters", UNAUTHORIZED, FORBIDDEN, FORBIDDEN, OK),
                Call.send(HttpMethod.POST, "/api/admin/projections/no-such-view/dead-letters/retry", null,
                        UNAUTHORIZED, FORBIDDEN, FORBIDDEN, NOT_FOUND),
                Call.get("/api/admin/policies/payment-policy/dead-letters", UNAUTHORIZED, FORBIDDEN, FORBIDDEN, OK),
                Call.send(HttpMethod.POST, "/api/admin/policies/no-such-policy/dead-letters/retry", null,
                        UNAUTHORIZED, FORBIDDEN, FORBIDDEN, NOT_FOUND),
                Call.get("/demo/outbox", UNAUTHORIZED, FORBIDDEN, FORBIDDEN, OK),
                Call.get("/api-docs/command-side", OK, OK, OK, OK),
                Call.get("/api-docs/query-side", OK, OK, OK, OK),
                // last: it ends each caller's session
                Call.send(HttpMethod.POST, "/api/auth/logout", null, UNAUTHORIZED, NO_CONTENT, NO_CONTENT, NO_CONTENT));
    }

    @Test
    void every_route_answers_each_caller_as_it_should() {
        List<Call> calls = calls();
        List<String> wrong = new ArrayList<>();
        for (Call call : calls) {
            // the other customer goes before the owner, so that nothing the owner changes hides a leak
            check(call, null, call.anonymous(), wrong);
            check(call, bob, call.other(), wrong);
            check(call, alice, call.owner(), wrong);
            check(call, admin, call.administrator(), wrong);
        }
        assertThat(wrong).isEmpty();
        assertThat(routesNotCalled(calls)).as("routes the matrix does not call").isEmpty();
    }

    private static void check(Call call, Customer caller, int expected, List<String> wrong) {
        var request = http.method(call.method()).uri(call.uri());
        if (caller != null) {
            caller.sends(request);
        }
        Object body = call.body().get();
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
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

    /** Every route the services map, as "METHOD pattern", that no call of the matrix matches. */
    private static TreeSet<String> routesNotCalled(List<Call> calls) {
        TreeSet<String> missing = new TreeSet<>();
        Stream.of(Platform.commandSides().getFirst(), Platform.querySides().getFirst())
                .map(service -> service.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class))
                .flatMap(mapping -> mapping.getHandlerMethods().keySet().stream())
                .forEach(info -> info.getPatternValues().stream()
                        // springdoc's own pages: the gateway serves the documents as /api-docs/{service}
                        .filter(pattern -> !pattern.startsWith("/error") && !pattern.startsWith("/v3/api-docs")
                                && !pattern.startsWith("/swagger-ui"))
                        .forEach(pattern -> info.getMethodsCondition().getMethods().forEach(method -> {
                            var parsed = PathPatternParser.defaultInstance.parse(pattern);
                            boolean called = calls.stream().anyMatch(call -> call.method().name().equals(method.name())
                                    && parsed.matches(PathContainer.parsePath(URI.create(call.uri()).getPath())));
                            if (!called) {
                                missing.add(method + " " + pattern);
                            }
                        })));
        return missing;
    }
}
