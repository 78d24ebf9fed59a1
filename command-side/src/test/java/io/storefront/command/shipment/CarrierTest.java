package io.storefront.command.shipment;

import io.storefront.api.order.OrderPaid;
import io.storefront.api.shared.Address;
import io.storefront.command.CommandSideTest;
import io.storefront.command.StoredEvents;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The carrier's webhook: scans signed with the shared secret move the parcel on; nothing else does. */
@CommandSideTest
class CarrierTest {

    private static final Address ADDRESS = new Address("Siti Rahma", "Jl. Sudirman 1", null, "Jakarta", null, "10220", "ID");

    @Autowired
    RestTestClient admin;

    @Autowired
    EventGateway events;

    @Autowired
    StoredEvents stored;

    @LocalServerPort
    int port;

    @Test
    void a_signed_scan_moves_the_parcel_on_once_however_often_it_comes() {
        String shipmentId = shipment();
        String scan = scan(shipmentId, "IN_TRANSIT", Instant.now());

        send(scan, CarrierSignature.sign(scan, Instant.now(), CommandSideTest.CARRIER_SECRET)).expectStatus().isOk();
        send(scan, CarrierSignature.sign(scan, Instant.now(), CommandSideTest.CARRIER_SECRET)).expectStatus().isOk();

        assertThat(stored.types(shipmentId)).containsExactly("ShipmentCreated", "ShipmentTracked");
    }

    @Test
    void a_scan_signed_with_another_secret_or_altered_or_stale_or_unsigned_is_a_401_and_changes_nothing() {
        String shipmentId = shipment();
        String scan = scan(shipmentId, "IN_TRANSIT", Instant.now());
        String signed = CarrierSignature.sign(scan, Instant.now(), CommandSideTest.CARRIER_SECRET);

        send(scan, CarrierSignature.sign(scan, Instant.now(), "somebody-elses-secret")).expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        send(scan.replace("IN_TRANSIT", "DELIVERED"), signed).expectStatus().isUnauthorized();
        send(scan, CarrierSignature.sign(scan, Instant.now().minusSeconds(600), CommandSideTest.CARRIER_SECRET))
                .expectStatus().isUnauthorized();
        send(scan, null).expectStatus().isUnauthorized();

        assertThat(stored.types(shipmentId)).containsExactly("ShipmentCreated");
    }

    @Test
    void a_scan_the_parcel_is_past_is_acknowledged_and_changes_nothing() {
        String shipmentId = shipment();
        String delivered = scan(shipmentId, "DELIVERED", Instant.now());
        String late = scan(shipmentId, "IN_TRANSIT", Instant.now().plusSeconds(1));
        send(delivered, CarrierSignature.sign(delivered, Instant.now(), CommandSideTest.CARRIER_SECRET)).expectStatus().isOk();

        send(late, CarrierSignature.sign(late, Instant.now(), CommandSideTest.CARRIER_SECRET)).expectStatus().isOk();

        assertThat(stored.types(shipmentId)).containsExactly("ShipmentCreated", "ShipmentTracked");
    }

    private String shipment() {
        return shipmentOfAPaidOrder(admin, events, ADDRESS);
    }

    /** The shipment of an order paid a minute ago, to {@code address}, created by an administrator. */
    static String shipmentOfAPaidOrder(RestTestClient admin, EventGateway events, Address address) {
        String orderId = UUID.randomUUID().toString();
        events.publish(new OrderPaid(orderId, "payment-1", List.of("product-1"), address, Instant.now().minusSeconds(60)));
        admin.post().uri("/api/shipments").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("orderId", orderId, "address", address, "carrier", "Storefront Express"))
                .exchange().expectStatus().isCreated();
        return io.storefront.api.shipment.ShipmentId.forOrder(orderId);
    }

    private RestTestClient.ResponseSpec send(String scan, String signature) {
        var request = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build()
                .post().uri(CarrierWebhook.PATH).contentType(MediaType.APPLICATION_JSON);
        if (signature != null) {
            request.header(CarrierSignature.HEADER, signature);
        }
        return request.body(scan).exchange();
    }

    static String scan(String shipmentId, String status, Instant at) {
        return """
                {"shipmentId": "%s", "status": "%s", "occurredAt": "%s", "location": "Jakarta hub", "note": null}"""
                .formatted(shipmentId, status, at);
    }
}
