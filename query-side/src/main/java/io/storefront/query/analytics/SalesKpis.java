package io.storefront.query.analytics;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.storefront.query.Times.instant;

/**
 * The sales KPIs of a time range, optionally of one currency, computed from the sales facts when asked.
 * Revenue counts the orders paid in the range that were not called off afterwards (and so refunded).
 */
@Component
class SalesKpis {

    record Hour(Instant hour, long placed, long paid) {
    }

    record Revenue(LocalDate day, String currency, BigDecimal revenue, long paidOrders, BigDecimal averageOrderValue) {
    }

    record Conversion(long placed, long paid, double rate) {
    }

    record Declines(String method, long captured, long declined, double rate) {
    }

    record ProductSales(String productId, String name, String currency, long units, BigDecimal revenue) {
    }

    record StockOut(String productId, String name, Instant occurredAt) {
    }

    record PaidToDelivered(long deliveries, Double p50Seconds, Double p95Seconds) {
    }

    record Report(Instant from, Instant to, String currency, List<Hour> ordersPerHour, List<Revenue> revenuePerDay,
                  Conversion placedToPaid, List<Declines> declineRate, List<ProductSales> topProductsByUnits,
                  List<ProductSales> topProductsByRevenue, List<StockOut> stockOuts, PaidToDelivered paidToDelivered) {
    }

    private static final int TOP = 10;
    private static final String OF_CURRENCY = "(CAST(:currency AS CHAR(3)) IS NULL OR o.currency = :currency)";

    private final JdbcClient jdbc;

    SalesKpis(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Report report(Instant from, Instant to, String currency) {
        Map<String, Object> range = new HashMap<>();
        range.put("from", Timestamp.from(from));
        range.put("to", Timestamp.from(to));
        range.put("currency", currency);
        return new Report(from, to, currency, ordersPerHour(range), revenuePerDay(range), conversion(range),
                declines(range), topProducts(range, "units"), topProducts(range, "revenue"), stockOuts(range),
                paidToDelivered(range));
    }

    private List<Hour> ordersPerHour(Map<String, Object> range) {
        return jdbc.sql("""
                        SELECT hour, sum(placed) AS placed, sum(paid) AS paid FROM (
                            SELECT date_trunc('hour', placed_at) AS hour, 1 AS placed, 0 AS paid FROM sales_order o
                            WHERE placed_at >= :from AND placed_at < :to AND %1$s
                            UNION ALL
                            SELECT date_trunc('hour', paid_at), 0, 1 FROM sales_order o
                            WHERE paid_at >= :from AND paid_at < :to AND %1$s) counted
                        GROUP BY hour ORDER BY hour""".formatted(OF_CURRENCY))
                .params(range)
                .query((row, n) -> new Hour(instant(row, "hour"), row.getLong("placed"), row.getLong("paid")))
                .list();
    }

    private List<Revenue> revenuePerDay(Map<String, Object> range) {
        return jdbc.sql("""
                        SELECT CAST(date_trunc('day', paid_at AT TIME ZONE 'UTC') AS DATE) AS day, currency,
                               sum(total_amount) AS revenue, count(*) AS paid_orders
                        FROM sales_order o
                        WHERE paid_at >= :from AND paid_at < :to AND status <> 'CANCELLED' AND %s
                        GROUP BY day, currency ORDER BY day, currency""".formatted(OF_CURRENCY))
                .params(range)
                .query((row, n) -> {
                    BigDecimal revenue = row.getBigDecimal("revenue");
                    long orders = row.getLong("paid_orders");
                    return new Revenue(row.getDate("day").toLocalDate(), row.getString("currency").strip(), revenue, orders,
                            revenue.divide(BigDecimal.valueOf(orders), 2, RoundingMode.HALF_UP));
                })
                .list();
    }

    private Conversion conversion(Map<String, Object> range) {
        return jdbc.sql("""
                        SELECT count(*) AS placed, count(paid_at) AS paid FROM sales_order o
                        WHERE placed_at >= :from AND placed_at < :to AND %s""".formatted(OF_CURRENCY))
                .params(range)
                .query((row, n) -> new Conversion(row.getLong("placed"), row.getLong("paid"),
                        rate(row.getLong("paid"), row.getLong("placed"))))
                .single();
    }

    private List<Declines> declines(Map<String, Object> range) {
        return jdbc.sql("""
                        SELECT p.method, count(*) FILTER (WHERE p.status IN ('CAPTURED', 'REFUNDED')) AS captured,
                               count(*) FILTER (WHERE p.status = 'DECLINED') AS declined
                        FROM sales_payment p JOIN sales_order o ON o.order_id = p.order_id
                        WHERE p.updated_at >= :from AND p.updated_at < :to AND %s
                        GROUP BY p.method ORDER BY p.method""".formatted(OF_CURRENCY))
                .params(range)
                .query((row, n) -> new Declines(row.getString("method"), row.getLong("captured"), row.getLong("declined"),
                        rate(row.getLong("declined"), row.getLong("captured") + row.getLong("declined"))))
                .list();
    }

    private List<ProductSales> topProducts(Map<String, Object> range, String by) {
        return jdbc.sql("""
                        SELECT l.product_id, coalesce(p.name, l.product_id) AS name, o.currency,
                               sum(l.quantity) AS units, sum(l.quantity * l.unit_amount) AS revenue
                        FROM sales_line l JOIN sales_order o ON o.order_id = l.order_id
                        LEFT JOIN sales_product p ON p.product_id = l.product_id
                        WHERE o.paid_at >= :from AND o.paid_at < :to AND o.status <> 'CANCELLED' AND %s
                        GROUP BY l.product_id, p.name, o.currency
                        ORDER BY %s DESC, l.product_id LIMIT %d""".formatted(OF_CURRENCY, by, TOP))
                .params(range)
                .query((row, n) -> new ProductSales(row.getString("product_id"), row.getString("name"),
                        row.getString("currency").strip(), row.getLong("units"), row.getBigDecimal("revenue")))
                .list();
    }

    private List<StockOut> stockOuts(Map<String, Object> range) {
        return jdbc.sql("""
                        SELECT s.product_id, coalesce(p.name, s.product_id) AS name, s.occurred_at
                        FROM sales_stock_out s LEFT JOIN sales_product p ON p.product_id = s.product_id
                        WHERE s.occurred_at >= :from AND s.occurred_at < :to ORDER BY s.occurred_at, s.product_id""")
                .params(range)
                .query((row, n) -> new StockOut(row.getString("product_id"), row.getString("name"),
                        instant(row, "occurred_at")))
                .list();
    }

    private PaidToDelivered paidToDelivered(Map<String, Object> range) {
        return jdbc.sql("""
                        SELECT count(*) AS deliveries,
                               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM delivered_at - paid_at)) AS p50,
                               percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM delivered_at - paid_at)) AS p95
                        FROM sales_order o
                        WHERE delivered_at >= :from AND delivered_at < :to AND paid_at IS NOT NULL AND %s""".formatted(OF_CURRENCY))
                .params(range)
                .query((row, n) -> new PaidToDelivered(row.getLong("deliveries"), (Double) row.getObject("p50"),
                        (Double) row.getObject("p95")))
                .single();
    }

    private static double rate(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
