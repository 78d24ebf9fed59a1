package io.storefront.launcher.abuse;

import io.storefront.launcher.abuse.Shopfront.Caller;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;

import static io.storefront.launcher.abuse.Shopfront.APPROVED_CARD;
import static io.storefront.launcher.abuse.Shopfront.KOPI_GAYO;
import static io.storefront.launcher.abuse.Shopfront.KOPI_TORAJA;
import static io.storefront.launcher.abuse.Shopfront.admin;
import static io.storefront.launcher.abuse.Shopfront.customer;
import static io.storefront.launcher.abuse.Shopfront.get;
import static io.storefront.launcher.abuse.Shopfront.json;
import static io.storefront.launcher.abuse.Shopfront.post;
import static io.storefront.launcher.abuse.Shopfront.problem;
import static io.storefront.launcher.abuse.Shopfront.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a customer might try at the checkout to pay less than the shop asks, keep goods they were refunded
 * for, or keep the stock from everybody else: each is refused, through the gateway, on the real platform.
 */
@ExtendWith(Shopfront.StopsThePlatform.class)
class CheckoutAbuseTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String ADDRESS = """
            {"recipient":"Dewi Lestari","line1":"Jl. Braga 7","city":"Bandung","postalCode":"40111","country":"ID"}""";

    @ParameterizedTest
    @ValueSource(strings = {"1", "0", "84999"})
    void an_order_priced_below_the_catalog_is_rejected_and_nothing_is_charged(String amount) throws Exception {
        Caller customer = customer();
        String orderId = place(customer, KOPI_TORAJA, 2, "{\"amount\":" + amount + ",\"currency\":\"IDR\"}");

        JsonNode order = awaitStatus(orderId, "REJECTED", customer);
        assertThat(order.path("reason").asString()).contains("85000 IDR");
        assertThat(json(get("/api/payments?orderId=" + orderId, customer.token())).path("items")).isEmpty();
    }

    @Test
    void an_order_priced_in_another_currency_than_the_catalog_is_rejected() throws Exception {
        Caller customer = customer();
        String orderId = place(customer, KOPI_TORAJA, 1, "{\"amount\":85000,\"currency\":\"USD\"}");

        assertThat(awaitStatus(orderId, "REJECTED", customer).path("reason").asString()).contains("85000 IDR");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"amount\":85000.1234,\"currency\":\"IDR\"}", "{\"amount\":0.5,\"currency\":\"IDR\"}",
            "{\"amount\":85000,\"currency\":\"XXX\"}", "{\"amount\":-85000,\"currency\":\"IDR\"}"})
    void a_price_no_payment_provider_could_charge_is_refused_at_the_door(String unitPrice) throws Exception {
        Caller customer = customer();
        HttpResponse<String> refused = post("/api/orders", order(KOPI_TORAJA, 1, unitPrice), customer.token());

        assertThat(problem(refused, 400).toString()).contains("lines[0].unitPrice");
    }

    @Test
    void an_order_at_the_catalog_price_is_charged_the_catalog_price() throws Exception {
        Caller customer = customer();
        String orderId = place(customer, KOPI_TORAJA, 2, "{\"amount\":85000.00,\"currency\":\"IDR\"}");
        pay(orderId, customer);

        awaitStatus(orderId, "PAID", customer);
        HttpResponse<String> payments = get("/api/payments?orderId=" + orderId, customer.token());
        assertThat(payments.body()).as("an exact decimal, never a float").contains("\"amount\":\"170000\"");
        assertThat(json(payments).path("items").path(0).path("currency").asString()).isEqualTo("IDR");
    }

    @Test
    void a_paid_order_is_cancelled_only_with_its_parcel_so_the_refunded_goods_never_ship() throws Exception {
        Caller customer = customer();
        String admin = admin().token();
        int onTheShelf = stock(KOPI_GAYO, admin).path("available").asInt();
        String orderId = place(customer, KOPI_GAYO, 1, "{\"amount\":92000,\"currency\":\"IDR\"}");
        pay(orderId, customer);
        awaitStatus(orderId, "PAID", customer);
        await().atMost(PATIENCE).until(() -> shipmentStatus(orderId, customer).equals("LABEL_CREATED"));

        HttpResponse<String> cancellation = post("/api/orders/" + orderId + "/cancellation", null, customer.token());

        assertThat(cancellation.statusCode()).as("the parcel is to be stopped first").isEqualTo(202);
        awaitStatus(orderId, "CANCELLED", customer);
        await().atMost(PATIENCE).until(() -> shipmentStatus(orderId, customer).equals("CANCELLED"));
        await().atMost(PATIENCE).until(() -> json(get("/api/payments?orderId=" + orderId, customer.token()))
                .path("items").path(0).path("status").asString().equals("REFUNDED"));
        await().atMost(PATIENCE).until(() -> stock(KOPI_GAYO, admin).path("available").asInt() == onTheShelf);
        Thread.sleep(Shopfront.CARRIER_STEP.multipliedBy(2).toMillis());
        assertThat(shipmentStatus(orderId, customer)).as("the carrier's scans after the cancellation are refused")
                .isEqualTo("CANCELLED");
        assertThat(awaitStatus(orderId, "CANCELLED", customer).path("status").asString()).isEqualTo("CANCELLED");
    }

    @Test
    void a_parcel_the_carrier_took_is_not_cancelled_nor_refunded() throws Exception {
        Caller customer = customer();
        String orderId = place(customer, KOPI_TORAJA, 1, "{\"amount\":85000,\"currency\":\"IDR\"}");
        pay(orderId, customer);
        awaitStatus(orderId, "SHIPPED", customer);

        problem(post("/api/orders/" + orderId + "/cancellation", null, customer.token()), 422);
        assertThat(json(get("/api/payments?orderId=" + orderId, customer.token())).path("items").path(0)
                .path("status").asString()).isEqualTo("CAPTURED");
    }

    @Test
    void one_customer_cannot_hold_more_than_three_unpaid_orders() throws Exception {
        Caller hoarder = customer();
        for (int order = 0; order < 3; order++) {
            place(hoarder, KOPI_TORAJA, 1, "{\"amount\":85000,\"currency\":\"IDR\"}");
        }

        HttpResponse<String> fourth = post("/api/orders", order(KOPI_TORAJA, 1, "{\"amount\":85000,\"currency\":\"IDR\"}"),
                hoarder.token());

        assertThat(problem(fourth, 422).path("detail").asString()).contains("3 orders waiting for payment");
        assertThat(post("/api/orders", order(KOPI_TORAJA, 1, "{\"amount\":85000,\"currency\":\"IDR\"}"),
                customer().token()).statusCode()).as("another customer still orders").isEqualTo(201);
    }

    @Test
    void one_customer_cannot_hold_more_than_thirty_units_unpaid() throws Exception {
        HttpResponse<String> refused = post("/api/orders", order(KOPI_TORAJA, 31, "{\"amount\":85000,\"currency\":\"IDR\"}"),
                customer().token());

        assertThat(problem(refused, 422).path("detail").asString()).contains("30 units");
    }

    private static String order(String productId, int quantity, String unitPrice) {
        return "{\"lines\":[{\"productId\":\"" + productId + "\",\"quantity\":" + quantity + ",\"unitPrice\":" + unitPrice
                + "}],\"shippingAddress\":" + ADDRESS + "}";
    }

    private static String place(Caller customer, String productId, int quantity, String unitPrice) throws Exception {
        HttpResponse<String> placed = post("/api/orders", order(productId, quantity, unitPrice), customer.token());
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        return json(placed).path("id").asString();
    }

    private static void pay(String orderId, Caller customer) throws Exception {
        HttpResponse<String> card = send("PUT", "/api/payments/instructions/" + orderId,
                "{\"cardNumber\":\"" + APPROVED_CARD + "\"}", customer.token());
        assertThat(card.statusCode()).as(card.body()).isEqualTo(202);
    }

    private static JsonNode awaitStatus(String orderId, String status, Caller customer) {
        return await().atMost(PATIENCE).until(() -> json(get("/api/orders/" + orderId, customer.token())).path("order"),
                order -> order.path("status").asString().equals(status));
    }

    private static String shipmentStatus(String orderId, Caller customer) throws Exception {
        return json(get("/api/shipments?orderId=" + orderId, customer.token())).path("items").path(0).path("status")
                .asString();
    }

    private static JsonNode stock(String productId, String admin) throws Exception {
        return json(get("/api/stock/" + productId, admin));
    }
}
