package io.storefront.policy.notification;

import io.storefront.api.notification.Channel;
import io.storefront.api.notification.OrderFacts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The notification policy's own memory, kept from events: how to reach each customer, the products'
 * names and each order's lines. Every write is an upsert, so an event handled twice changes nothing.
 */
@Component
class Recipients {

    /** How a customer is reached, and on which channels they want nothing. */
    record Recipient(String userId, String email, String phone, String language, Set<Channel> optedOut) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.shared();

    Recipients(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void registered(String userId, String email, String phone) {
        jdbc.sql("""
                        INSERT INTO notification_recipient (user_id, email, phone) VALUES (?, ?, ?)
                        ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, phone = EXCLUDED.phone""")
                .params(userId, email, phone).update();
    }

    void phoneChanged(String userId, String phone) {
        jdbc.sql("UPDATE notification_recipient SET phone = ? WHERE user_id = ?").params(phone, userId).update();
    }

    void preferencesChanged(String userId, String language, Set<Channel> optedOut) {
        jdbc.sql("UPDATE notification_recipient SET language = ?, opted_out = ? WHERE user_id = ?")
                .params(language, optedOut.stream().map(Channel::name).sorted().collect(Collectors.joining(",")), userId)
                .update();
    }

    Optional<Recipient> recipient(String userId) {
        return jdbc.sql("SELECT user_id, email, phone, language, opted_out FROM notification_recipient WHERE user_id = ?")
                .param(userId)
                .query((row, n) -> new Recipient(row.getString("user_id"), row.getString("email"), row.getString("phone"),
                        row.getString("language"), channels(row.getString("opted_out"))))
                .optional();
    }

    void productNamed(String productId, String name) {
        jdbc.sql("""
                        INSERT INTO notification_product (product_id, name) VALUES (?, ?)
                        ON CONFLICT (product_id) DO UPDATE SET name = EXCLUDED.name""")
                .params(productId, name).update();
    }

    /** The product's name, or its id for a product the policy never heard of. */
    String productName(String productId) {
        return jdbc.sql("SELECT name FROM notification_product WHERE product_id = ?").param(productId)
                .query(String.class).optional().orElse(productId);
    }

    void orderPlaced(String customerId, OrderFacts facts) {
        jdbc.sql("""
                        INSERT INTO notification_order (order_id, customer_id, facts) VALUES (?, ?, ?::jsonb)
                        ON CONFLICT (order_id) DO NOTHING""")
                .params(facts.orderId(), customerId, json.writeValueAsString(facts)).update();
    }

    record PlacedOrder(String customerId, OrderFacts facts) {
    }

    Optional<PlacedOrder> order(String orderId) {
        return jdbc.sql("SELECT customer_id, facts FROM notification_order WHERE order_id = ?").param(orderId)
                .query((row, n) -> new PlacedOrder(row.getString("customer_id"),
                        json.readValue(row.getString("facts"), OrderFacts.class)))
                .optional();
    }

    private static Set<Channel> channels(String names) {
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        Arrays.stream(names.split(",")).filter(name -> !name.isBlank()).map(Channel::valueOf).forEach(channels::add);
        return channels;
    }
}
