package io.storefront.launcher.abuse;

import io.storefront.launcher.abuse.Shopfront.Caller;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.UUID;

import static io.storefront.launcher.abuse.Shopfront.KOPI_TORAJA;
import static io.storefront.launcher.abuse.Shopfront.admin;
import static io.storefront.launcher.abuse.Shopfront.customer;
import static io.storefront.launcher.abuse.Shopfront.get;
import static io.storefront.launcher.abuse.Shopfront.json;
import static io.storefront.launcher.abuse.Shopfront.post;
import static io.storefront.launcher.abuse.Shopfront.problem;
import static io.storefront.launcher.abuse.Shopfront.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input: text with control characters is refused at the edge, naming the field, and searches that
 * could break the catalog or match everything are refused; what a view could still not handle is set
 * aside where only an administrator sees it.
 */
@ExtendWith(Shopfront.StopsThePlatform.class)
class BadInputAbuseTest {

    /** A JSON string's escape of U+0000, as a client sends it. */
    private static final String NUL = "\\u0000";

    @Test
    void a_name_with_a_null_character_is_refused_naming_the_field() throws Exception {
        HttpResponse<String> registered = post("/api/auth/register", """
                {"name":"Siti%s Rahma","email":"%s@example.com","password":"kopi-luwak-2026"}""".formatted(NUL, UUID.randomUUID()), null);

        assertThat(fields(problem(registered, 400))).containsExactly("name");
    }

    @Test
    void a_login_with_a_null_character_is_refused_not_a_server_error() throws Exception {
        HttpResponse<String> login = post("/api/auth/login", """
                {"email":"siti%s@example.com","password":"kopi-luwak-2026"}""".formatted(NUL), null);

        assertThat(fields(problem(login, 400))).containsExactly("email");
    }

    @Test
    void a_refused_name_does_not_keep_later_customers_out_of_the_users_view() throws Exception {
        post("/api/auth/register", """
                {"name":"Budi%s","email":"%s@example.com","password":"kopi-luwak-2026"}""".formatted(NUL, UUID.randomUUID()), null);
        Caller later = customer();

        HttpResponse<String> profile = eventually(() -> get("/api/users/" + later.id(), later.token()));
        assertThat(json(profile).path("name").asString()).isEqualTo("Dewi Lestari");
    }

    @Test
    void a_profile_name_with_an_escape_sequence_is_refused_naming_the_field() throws Exception {
        Caller customer = customer();

        HttpResponse<String> updated = send("PUT", "/api/users/" + customer.id() + "/profile",
                "{\"name\":\"Dewi\\u001b[2J\"}", customer.token());

        assertThat(fields(problem(updated, 400))).containsExactly("name");
    }

    @Test
    void a_shipping_address_with_a_control_character_is_refused_naming_the_field() throws Exception {
        Caller customer = customer();

        HttpResponse<String> placed = post("/api/orders", """
                {"lines":[{"productId":"%s","quantity":1,"unitPrice":{"amount":85000,"currency":"IDR"}}],
                 "shippingAddress":{"recipient":"Dewi Lestari","line1":"Jl. Sudirman 1","city":"Jakarta%s",
                                    "postalCode":"10220","country":"ID"}}""".formatted(KOPI_TORAJA, NUL), customer.token());

        assertThat(fields(problem(placed, 400))).containsExactly("shippingAddress.city");
    }

    @Test
    void a_product_description_with_a_null_character_is_refused_even_to_an_administrator() throws Exception {
        HttpResponse<String> created = post("/api/products", """
                {"sku":"ABUSE-%s","name":"Kopi Luwak","description":"Civet coffee.%s","category":"coffee",
                 "price":{"amount":400000,"currency":"IDR"}}""".formatted(UUID.randomUUID().toString().substring(0, 8).toUpperCase(), NUL),
                admin().token());

        assertThat(fields(problem(created, 400))).containsExactly("description");
    }

    @Test
    void a_catalog_search_for_a_null_character_is_refused_not_a_server_error() throws Exception {
        assertThat(fields(problem(get("/api/catalog?q=kopi%00", null), 400))).containsExactly("q");
    }

    @Test
    void an_order_filter_with_a_null_character_is_refused_not_a_server_error() throws Exception {
        String customer = customer().token();

        for (String list : new String[]{"/api/payments", "/api/shipments", "/api/notifications"}) {
            assertThat(fields(problem(get(list + "?orderId=kopi%00", customer), 400))).as(list).containsExactly("orderId");
        }
    }

    @Test
    void a_minimum_price_beyond_any_price_is_refused_rather_than_matching_everything() throws Exception {
        assertThat(fields(problem(get("/api/catalog?minPrice=1e300&currency=IDR", null), 400))).containsExactly("minPrice");
    }

    @Test
    void the_events_a_view_or_policy_set_aside_are_shown_to_an_administrator_only() throws Exception {
        String admin = admin().token();
        String customer = customer().token();

        for (String letters : new String[]{"/api/admin/projections/users-view/dead-letters",
                "/api/admin/policies/payment-policy/dead-letters"}) {
            HttpResponse<String> shown = get(letters, admin);
            assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
            assertThat(json(shown).path("total").isNumber()).isTrue();
            problem(get(letters, customer), 403);
            problem(post(letters + "/retry", "{}", customer), 403);
            problem(get(letters, null), 401);
        }
    }

    private static java.util.List<String> fields(JsonNode problem) {
        return problem.path("errors").valueStream().map(error -> error.path("field").asString()).toList();
    }

    private interface Call {
        HttpResponse<String> send() throws Exception;
    }

    /** The read side follows the events: the answer once it is 200, or the last one after a while. */
    private static HttpResponse<String> eventually(Call call) throws Exception {
        HttpResponse<String> response = call.send();
        for (int i = 0; i < 100 && response.statusCode() != 200; i++) {
            Thread.sleep(200);
            response = call.send();
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }
}
