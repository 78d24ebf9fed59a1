package io.storefront.query.analytics;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Turns one change record of a read model into sales facts. Only the after image counts, and every
 * write is an upsert that keeps the first time an order was paid or delivered: the same record twice,
 * or the whole stream again, changes nothing. Columns it does not know are ignored, so a column a
 * migration adds flows past it.
 */
@Component
class SalesFacts {

    private final JdbcClient jdbc;

    SalesFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the change of {@code table}; deletes and truncations of a view are no sales event. */
    void record(String table, JsonNode before, JsonNode after) {
        if (after == null || after.isNull()) {
            return;
        }
        switch (table) {
            case "order_view" -> order(after);
            case "order_line_view" -> jdbc.sql("""
                            INSERT INTO sales_line (order_id, line_number, product_id, quantity, unit_amount)
                            VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                    .params(text(after, "order_id"), after.get("line_number").asInt(), text(after, "product_id"),
                            after.get("quantity").asInt(), new BigDecimal(text(after, "unit_amount")))
                    .update();
            case "payment_view" -> jdbc.sql("""
                            INSERT INTO sales_payment (payment_id, order_id, method, status, updated_at) VALUES (?, ?, ?, ?, ?)
                            ON CONFLICT (payment_id) DO UPDATE SET status = EXCLUDED.status, updated_at = EXCLUDED.updated_at
                            WHERE sales_payment.updated_at <= EXCLUDED.updated_at""")
                    .params(text(after, "payment_id"), text(after, "order_id"), text(after, "method"), text(after, "status"),
                            time(after, "updated_at"))
                    .update();
            case "stock_level" -> stock(before, after);
            default -> {
                // a table the analytics do not read
            }
        }
    }

    /** Forgets every fact, before the stream is read again from its beginning. */
    void forgetAll() {
        jdbc.sql("TRUNCATE sales_order, sales_line, sales_payment, sales_product, sales_stock_out").update();
    }

    private void order(JsonNode after) {
        jdbc.sql("""
                        INSERT INTO sales_order (order_id, status, total_amount, currency, placed_at, paid_at, delivered_at)
                        VALUES (:id, :status, :total, :currency, :placed, :paid, :delivered)
                        ON CONFLICT (order_id) DO UPDATE SET status = EXCLUDED.status,
                            paid_at = COALESCE(sales_order.paid_at, EXCLUDED.paid_at),
                            delivered_at = COALESCE(sales_order.delivered_at, EXCLUDED.delivered_at)""")
                .param("id", text(after, "order_id"))
                .param("status", text(after, "status"))
                .param("total", new BigDecimal(text(after, "total_amount")))
                .param("currency", text(after, "currency"))
                .param("placed", time(after, "placed_at"))
                .param("paid", time(after, "paid_at"))
                .param("delivered", time(after, "delivered_at"))
                .update();
    }

    private void stock(JsonNode before, JsonNode after) {
        jdbc.sql("""
                        INSERT INTO sales_product (product_id, name) VALUES (?, ?)
                        ON CONFLICT (product_id) DO UPDATE SET name = EXCLUDED.name""")
                .params(text(after, "product_id"), text(after, "name"))
                .update();
        // a stock-out is the moment the last unit went, not a product that never had any
        if (after.get("available").asInt() == 0 && before != null && !before.isNull() && before.get("available").asInt() > 0) {
            jdbc.sql("INSERT INTO sales_stock_out (product_id, occurred_at) VALUES (?, ?) ON CONFLICT DO NOTHING")
                    .params(text(after, "product_id"), time(after, "updated_at"))
                    .update();
        }
    }

    private static String text(JsonNode row, String column) {
        JsonNode value = row.get(column);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static Timestamp time(JsonNode row, String column) {
        String value = text(row, column);
        return value == null ? null : Timestamp.from(Instant.parse(value));
    }
}
