package io.storefront.query.stock;

import io.storefront.query.NotFound;
import io.storefront.query.Page;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static io.storefront.query.Times.instant;

@RestController
@RequestMapping("/api/stock")
class StockQueryController {

    record StockLevel(String productId, String sku, String name, int available, int reserved, int sold,
                      boolean discontinued, Instant updatedAt) {
    }

    private static final String COLUMNS = """
            s.product_id, s.sku, s.name, s.available, s.discontinued, s.updated_at,
            (SELECT COALESCE(SUM(h.quantity), 0) FROM stock_hold h WHERE h.product_id = s.product_id AND h.state = 'RESERVED') AS reserved,
            (SELECT COALESCE(SUM(h.quantity), 0) FROM stock_hold h WHERE h.product_id = s.product_id AND h.state = 'SOLD') AS sold""";

    private final JdbcClient jdbc;

    StockQueryController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stock levels by SKU; {@code below} lists only products with fewer units available. */
    @GetMapping
    Page<StockLevel> list(@RequestParam(required = false) @Min(0) Integer below,
                          @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                          @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        Map<String, Object> filter = new HashMap<>();
        filter.put("below", below);
        return Page.read(jdbc, COLUMNS, "FROM stock_level s WHERE (CAST(:below AS INTEGER) IS NULL OR s.available < :below)",
                "s.sku", filter, StockQueryController::level, page, size);
    }

    @GetMapping("/{productId}")
    StockLevel get(@PathVariable String productId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM stock_level s WHERE s.product_id = ?").param(productId)
                .query(StockQueryController::level).optional()
                .orElseThrow(() -> new NotFound("product", productId));
    }

    private static StockLevel level(ResultSet row, int index) throws SQLException {
        return new StockLevel(row.getString("product_id"), row.getString("sku"), row.getString("name"),
                row.getInt("available"), row.getInt("reserved"), row.getInt("sold"), row.getBoolean("discontinued"),
                instant(row, "updated_at"));
    }
}
