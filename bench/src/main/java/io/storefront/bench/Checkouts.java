package io.storefront.bench;

import io.storefront.launcher.StorefrontLauncher;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** The steps of a checkout as a client sends them through the gateway. */
final class Checkouts {

    static final String APPROVED_CARD = "4242424242424242";
    private static final String PRICE = "{\"amount\":\"50000\",\"currency\":\"IDR\"}";

    private Checkouts() {
    }

    static Shopper admin(String gateway) throws IOException, InterruptedException {
        return Shopper.login(gateway, StorefrontLauncher.DEMO_ADMIN_EMAIL, StorefrontLauncher.DEMO_ADMIN_PASSWORD);
    }

    /** A product of the benchmark's own with {@code stock} units, so that no checkout runs out of it. */
    static String product(Shopper admin, int stock) throws IOException, InterruptedException {
        String sku = "BENCH-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String productId = Shopper.idOf(admin.send("POST", "/api/products",
                "{\"sku\":\"" + sku + "\",\"name\":\"Bench beans\",\"category\":\"Coffee\",\"price\":" + PRICE + "}"));
        Shopper.expect(204, admin.send("POST", "/api/products/" + productId + "/stock", "{\"quantity\":" + stock + "}"));
        return productId;
    }

    static String placeOrder(Shopper customer, String productId) throws IOException, InterruptedException {
        return Shopper.idOf(customer.send("POST", "/api/orders", """
                {"lines":[{"productId":"%s","quantity":1,"unitPrice":%s}],
                 "shippingAddress":{"recipient":"Bench Shopper","line1":"Jl. Sudirman 1","city":"Jakarta",
                                    "postalCode":"10220","country":"ID"}}""".formatted(productId, PRICE)));
    }

    static void pay(Shopper customer, String orderId) throws IOException, InterruptedException {
        Shopper.expect(202, customer.send("PUT", "/api/payments/instructions/" + orderId,
                "{\"cardNumber\":\"" + APPROVED_CARD + "\"}"));
    }

    /** Waits until a read answers 200: the views are eventually consistent. */
    static void awaitOk(Shopper reader, String path) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> reader.get(path).statusCode() == 200);
    }
}
