package io.storefront.query.shipment;

import io.storefront.api.shipment.ShipmentCancelled;
import io.storefront.api.shipment.ShipmentCreated;
import io.storefront.api.shipment.ShipmentTracked;
import io.storefront.api.shipment.TrackingStatus;
import io.storefront.query.ReadCache;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import static io.storefront.query.Times.utc;

/** Shipments with every carrier scan, keyed by the event that reported it. */
@Component
@ProcessingGroup("shipments-view")
class ShipmentProjection {

    private final JdbcClient jdbc;
    private final ReadCache cache;

    ShipmentProjection(JdbcClient jdbc, ReadCache cache) {
        this.jdbc = jdbc;
        this.cache = cache;
    }

    @EventHandler
    void on(ShipmentCreated event) {
        jdbc.sql("""
                        INSERT INTO shipment_view (shipment_id, order_id, carrier, status, city, country, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(event.shipmentId(), event.orderId(), event.carrier(), TrackingStatus.LABEL_CREATED.name(),
                        event.address().city(), event.address().country(), utc(event.createdAt()), utc(event.createdAt()))
                .update();
    }

    @EventHandler
    void on(ShipmentTracked event, @SequenceNumber long sequence) {
        jdbc.sql("""
                        INSERT INTO shipment_tracking (shipment_id, sequence_number, status, occurred_at, location, note)
                        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(event.shipmentId(), sequence, event.status().name(), utc(event.occurredAt()), event.location(),
                        event.note())
                .update();
        jdbc.sql("UPDATE shipment_view SET status = ?, updated_at = ? WHERE shipment_id = ?")
                .params(event.status().name(), utc(event.occurredAt()), event.shipmentId())
                .update();
        cache.forget(ShipmentQueryController.CACHE, event.shipmentId());
    }

    /** A cancelled parcel shows as such; it takes no scans after. */
    @EventHandler
    void on(ShipmentCancelled event) {
        jdbc.sql("UPDATE shipment_view SET status = 'CANCELLED', updated_at = ? WHERE shipment_id = ?")
                .params(utc(event.cancelledAt()), event.shipmentId())
                .update();
        cache.forget(ShipmentQueryController.CACHE, event.shipmentId());
    }

    @ResetHandler
    void clearForReplay() {
        jdbc.sql("TRUNCATE shipment_view, shipment_tracking").update();
        cache.forgetAll(ShipmentQueryController.CACHE);
    }
}
