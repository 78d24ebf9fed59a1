package io.storefront.query.stock;

import io.storefront.api.product.ProductCreated;
import io.storefront.api.product.ProductDetailsUpdated;
import io.storefront.api.product.ProductDiscontinued;
import io.storefront.api.product.StockCommitted;
import io.storefront.api.product.StockReceived;
import io.storefront.api.product.StockReleased;
import io.storefront.api.product.StockReserved;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;

import static io.storefront.query.Times.utc;

/**
 * Stock per product: what is available, as the product's own events say, and what orders hold of it,
 * reserved or sold. Events carry the resulting figures, so a repeat writes the same values again.
 */
@Component
@ProcessingGroup("stock-view")
class StockProjection {

    private final JdbcClient jdbc;

    StockProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ProductCreated event, @Timestamp Instant at) {
        jdbc.sql("""
                        INSERT INTO stock_level (product_id, sku, name, available, discontinued, updated_at)
                        VALUES (?, ?, ?, 0, FALSE, ?) ON CONFLICT DO NOTHING""")
                .params(event.productId(), event.sku(), event.name(), utc(at))
                .update();
    }

    @EventHandler
    void on(ProductDetailsUpdated event, @Timestamp Instant at) {
        jdbc.sql("UPDATE stock_level SET name = ?, updated_at = ? WHERE product_id = ?")
                .params(event.name(), utc(at), event.productId()).update();
    }

    @EventHandler
    void on(ProductDiscontinued event, @Timestamp Instant at) {
        jdbc.sql("UPDATE stock_level SET discontinued = TRUE, updated_at = ? WHERE product_id = ?")
                .params(utc(at), event.productId()).update();
    }

    @EventHandler
    void on(StockReceived event, @Timestamp Instant at) {
        available(event.productId(), event.availableAfter(), at);
    }

    @EventHandler
    void on(StockReserved event, @Timestamp Instant at) {
        available(event.productId(), event.availableAfter(), at);
        jdbc.sql("""
                        INSERT INTO stock_hold (product_id, order_id, quantity, state) VALUES (?, ?, ?, 'RESERVED')
                        ON CONFLICT DO NOTHING""")
                .params(event.productId(), event.orderId(), event.quantity()).update();
    }

    @EventHandler
    void on(StockReleased event, @Timestamp Instant at) {
        available(event.productId(), event.availableAfter(), at);
        hold(event.productId(), event.orderId(), "RELEASED");
    }

    @EventHandler
    void on(StockCommitted event) {
        hold(event.productId(), event.orderId(), "SOLD");
    }

    @ResetHandler
    void clearForReplay() {
        jdbc.sql("TRUNCATE stock_level, stock_hold").update();
    }

    private void available(String productId, int available, Instant at) {
        jdbc.sql("UPDATE stock_level SET available = ?, updated_at = ? WHERE product_id = ?")
                .params(available, utc(at), productId).update();
    }

    private void hold(String productId, String orderId, String state) {
        jdbc.sql("UPDATE stock_hold SET state = ? WHERE product_id = ? AND order_id = ?")
                .params(state, productId, orderId).update();
    }
}
