package io.storefront.command.shipment;

import io.storefront.api.order.OrderPaid;
import io.storefront.api.shared.Address;
import io.storefront.api.shipment.ShipmentId;
import io.storefront.command.CommandSideTest;
import io.storefront.command.StoredEvents;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@CommandSideTest
class ShipmentApiTest {

    private static final Map<String, Object> ADDRESS = Map.of("recipient", "Siti Rahma", "line1", "Jl. Sudirman 1",
            "city", "Jakarta", "postalCode", "10220", "country", "ID");

    @Autowired
    RestTestClient http;

    @Autowired
    EventGateway events;

    @Autowired
    StoredEvents stored;

    @Test
    void a_paid_order_ships_and_is_tracked_to_delivery() {
        String orderId = paidOrder();
        String shipmentId = ShipmentId.forOrder(orderId);
        create(orderId).expectStatus().isCreated()
                .expectHeader().value("Location", location -> assertThat(location).endsWith("/api/shipments/" + shipmentId));
        track(shipmentId, "IN_TRANSIT", "2030-01-01T08:00:00Z").expectStatus().isNoContent();
        track(shipmentId, "OUT_FOR_DELIVERY", "2030-01-01T12:00:00Z").expectStatus().isNoContent();
        track(shipmentId, "DELIVERED", "2030-01-01T15:30:00Z").expectStatus().isNoContent();

        assertThat(stored.types(shipmentId))
                .containsExactly("ShipmentCreated", "ShipmentTracked", "ShipmentTracked", "ShipmentTracked");
    }

    @Test
    void an_unpaid_order_is_a_422_and_nothing_is_written() {
        String orderId = UUID.randomUUID().toString();
        create(orderId).expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody().jsonPath("$.detail").isEqualTo("Only a paid order can be shipped");
        assertThat(stored.types(ShipmentId.forOrder(orderId))).isEmpty();
    }

    @Test
    void a_second_shipment_for_one_order_is_a_409_and_writes_nothing() {
        String orderId = paidOrder();
        create(orderId).expectStatus().isCreated();
        create(orderId).expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(stored.types(ShipmentId.forOrder(orderId))).containsExactly("ShipmentCreated");
    }

    @Test
    void a_malformed_shipment_is_a_400_naming_each_field_and_writes_nothing() {
        String orderId = paidOrder();
        http.post().uri("/api/shipments").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("orderId", orderId, "address", Map.of("recipient", "Siti Rahma", "line1", "Jl. Sudirman 1",
                        "city", "Jakarta", "postalCode", "10220", "country", "XX"), "carrier", ""))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[*].field").value(fields -> assertThat(fields)
                        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                        .containsExactly("address.country", "carrier"));
        assertThat(stored.types(ShipmentId.forOrder(orderId))).isEmpty();
    }

    @Test
    void going_back_is_a_422_a_repeated_scan_changes_nothing_and_a_malformed_update_is_a_400() {
        String orderId = paidOrder();
        String shipmentId = ShipmentId.forOrder(orderId);
        create(orderId).expectStatus().isCreated();
        track(shipmentId, "OUT_FOR_DELIVERY", "2030-01-01T12:00:00Z").expectStatus().isNoContent();
        track(shipmentId, "OUT_FOR_DELIVERY", "2030-01-01T12:00:00Z").expectStatus().isNoContent();
        track(shipmentId, "IN_TRANSIT", "2030-01-01T13:00:00Z").expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        track(shipmentId, "DELIVERED", "2030-01-01T11:00:00Z").expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        track(shipmentId, "IN_TRANSIT", "yesterday").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("occurredAt");

        assertThat(stored.types(shipmentId)).containsExactly("ShipmentCreated", "ShipmentTracked");
    }

    @Test
    void tracking_an_unknown_shipment_is_a_404() {
        track(UUID.randomUUID().toString(), "IN_TRANSIT", "2030-01-01T08:00:00Z").expectStatus().isNotFound();
    }

    private String paidOrder() {
        String orderId = UUID.randomUUID().toString();
        events.publish(new OrderPaid(orderId, "payment-1", List.of("product-1"),
                new Address("Siti Rahma", "Jl. Sudirman 1", null, "Jakarta", null, "10220", "ID"),
                Instant.parse("2029-12-31T10:00:00Z")));
        return orderId;
    }

    private RestTestClient.ResponseSpec create(String orderId) {
        return http.post().uri("/api/shipments").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("orderId", orderId, "address", ADDRESS, "carrier", "JNE"))
                .exchange();
    }

    private RestTestClient.ResponseSpec track(String shipmentId, String status, String at) {
        return http.post().uri("/api/shipments/{id}/tracking", shipmentId).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("status", status, "occurredAt", at, "location", "Jakarta hub"))
                .exchange();
    }
}
