package io.storefront.query.shipment;

import io.storefront.api.shared.PlainText;
import io.storefront.query.NotFound;
import io.storefront.query.Page;
import io.storefront.query.ReadCache;
import io.storefront.query.Viewer;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.storefront.query.Times.instant;

@RestController
@RequestMapping("/api/shipments")
class ShipmentQueryController {

    record ShipmentSummary(String shipmentId, String orderId, String carrier, String status, String city,
                           String country, Instant createdAt, Instant updatedAt) {
    }

    record Scan(String status, Instant occurredAt, String location, String note) {
    }

    record ShipmentDetails(ShipmentSummary shipment, List<Scan> tracking) {
    }

    private static final String COLUMNS = "shipment_id, order_id, carrier, status, city, country, created_at, updated_at";

    /** A shipment as cached: with the customer whose order it carries, who may read it. */
    record CachedShipment(String customerId, ShipmentDetails details) {
    }

    static final String CACHE = "shipments";

    private final JdbcClient jdbc;
    private final ReadCache cache;

    ShipmentQueryController(JdbcClient jdbc, ReadCache cache) {
        this.jdbc = jdbc;
        this.cache = cache;
    }

    @GetMapping
    Page<ShipmentSummary> list(Viewer viewer, @RequestParam(required = false) @PlainText String orderId,
                               @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                               @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        Map<String, Object> filter = new HashMap<>();
        filter.put("orderId", orderId);
        filter.put("customer", viewer.customerFilter());
        return Page.read(jdbc, COLUMNS, "FROM shipment_view WHERE (CAST(:orderId AS VARCHAR) IS NULL OR order_id = :orderId)"
                        + " AND " + Viewer.ownedThroughOrder("shipment_view"),
                "created_at DESC, shipment_id", filter, ShipmentQueryController::shipment, page, size);
    }

    /**
     * The shipment and every scan of its parcel, oldest first: what a customer following a delivery
     * reads again and again, so it is cached until the next scan.
     */
    @GetMapping("/{shipmentId}")
    ShipmentDetails get(Viewer viewer, @PathVariable String shipmentId) {
        return cache.read(CACHE, shipmentId, CachedShipment.class, () -> fromView(shipmentId),
                        // a shipment whose order is not in the orders view yet is not cached: its customer would not see it
                        cached -> cached.customerId() != null)
                .filter(cached -> viewer.mayRead(cached.customerId()))
                .map(CachedShipment::details)
                .orElseThrow(() -> new NotFound("shipment", shipmentId));
    }

    private Optional<CachedShipment> fromView(String shipmentId) {
        return jdbc.sql("SELECT " + COLUMNS + ", (SELECT customer_id FROM order_view o WHERE o.order_id = shipment_view.order_id) "
                        + "AS customer_id FROM shipment_view WHERE shipment_id = ?")
                .param(shipmentId)
                .query((row, index) -> new CachedShipment(row.getString("customer_id"), new ShipmentDetails(
                        shipment(row, index), tracking(shipmentId))))
                .optional();
    }

    private List<Scan> tracking(String shipmentId) {
        return jdbc.sql("""
                        SELECT status, occurred_at, location, note FROM shipment_tracking
                        WHERE shipment_id = ? ORDER BY sequence_number""")
                .param(shipmentId)
                .query((row, index) -> new Scan(row.getString("status"), instant(row, "occurred_at"),
                        row.getString("location"), row.getString("note")))
                .list();
    }

    private static ShipmentSummary shipment(ResultSet row, int index) throws SQLException {
        return new ShipmentSummary(row.getString("shipment_id"), row.getString("order_id"), row.getString("carrier"),
                row.getString("status"), row.getString("city"), row.getString("country"), instant(row, "created_at"),
                instant(row, "updated_at"));
    }
}
