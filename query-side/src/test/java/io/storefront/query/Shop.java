package io.storefront.query;

import io.storefront.command.ActingAsAdmin;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A shop keeper and customers, working through the running command side's HTTP API. */
public final class Shop {

    public static final String APPROVED_CARD = "4242424242424242";
    public static final String DECLINED_CARD = "4000000000000002";

    private final RestTestClient commands = RestTestClient.bindToServer()
            .baseUrl("http://localhost:" + CommandSideRunning.port())
            .requestInterceptor(ActingAsAdmin.bearerUnlessSet(CommandSideRunning::adminToken))
            .build();

    public RestTestClient commands() {
        return commands;
    }

    public String product(int stock) {
        return product("Kopi", "Single-origin beans", "Coffee", "85000", stock);
    }

    public String product(String name, String description, String category, String price, int stock) {
        return product(name, description, category, price, "IDR", stock);
    }

    /** A product at {@code price} {@code currency}, to be ordered at that price. */
    public String productAt(String price, String currency, int stock) {
        return product("Kopi", "Single-origin beans", "Coffee", price, currency, stock);
    }

    private String product(String name, String description, String category, String price, String currency, int stock) {
        String productId = id(commands.post().uri("/api/products").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("sku", "SKU-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(), "name", name,
                        "description", description, "category", category,
                        "price", Map.of("amount", price, "currency", currency))));
        if (stock > 0) {
            commands.post().uri("/api/products/{id}/stock", productId).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("quantity", stock)).exchange().expectStatus().isNoContent();
        }
        return productId;
    }

    /** An order of {@code quantity} units of each product at 85,000 IDR, paid with {@code card} unless it is null. */
    public String order(String customerId, String card, int quantity, String... productIds) {
        return orderAt("85000", "IDR", customerId, card, quantity, productIds);
    }

    /** As {@link #order(String, String, int, String...)}, at a unit price of {@code amount} {@code currency}. */
    public String orderAt(String amount, String currency, String customerId, String card, int quantity, String... productIds) {
        List<Map<String, Object>> lines = List.of(productIds).stream()
                .map(productId -> Map.<String, Object>of("productId", productId, "quantity", quantity,
                        "unitPrice", Map.of("amount", amount, "currency", currency)))
                .toList();
        String orderId = id(commands.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("customerId", customerId, "lines", lines,
                        "shippingAddress", Map.of("recipient", "Siti", "line1", "Jl. Sudirman 1", "city", "Jakarta",
                                "postalCode", "10220", "country", "ID"))));
        if (card != null) {
            commands.put().uri("/api/payments/instructions/{order}", orderId).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("cardNumber", card)).exchange().expectStatus().isAccepted();
        }
        return orderId;
    }

    public String order(String card, String... productIds) {
        return order("customer-" + UUID.randomUUID(), card, 1, productIds);
    }

    public void track(String shipmentId, String status, String at) {
        commands.post().uri("/api/shipments/{id}/tracking", shipmentId).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("status", status, "occurredAt", at, "location", "Jakarta hub"))
                .exchange().expectStatus().isNoContent();
    }

    public static String id(RestTestClient.RequestHeadersSpec<?> created) {
        return (String) created.exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");
    }
}
