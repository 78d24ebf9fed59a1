package io.storefront.command.shipment;

import io.storefront.api.shared.Address;
import io.storefront.command.CommandSideTest;
import io.storefront.command.StoredEvents;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The built-in carrier delivers a booked parcel by itself, through the shop's own signed webhook. Its
 * context is closed after this class: kept in the cache, its carrier would book the shipments the other
 * specs create in the same database.
 */
@CommandSideTest
@DirtiesContext
@TestPropertySource(properties = {"storefront.carrier.provider=simulated", "storefront.carrier.simulated.step=300ms"})
class SimulatedCarrierTest {

    @Autowired
    RestTestClient admin;

    @Autowired
    EventGateway events;

    @Autowired
    StoredEvents stored;

    @Test
    void a_new_label_is_scanned_in_transit_out_for_delivery_and_delivered() {
        Address address = new Address("Budi Santoso", "Jl. Malioboro 5", null, "Yogyakarta", null, "55271", "ID");
        String shipmentId = CarrierTest.shipmentOfAPaidOrder(admin, events, address);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(stored.types(shipmentId)).hasSize(4));
        List<String> scans = stored.payloads(shipmentId).subList(1, 4);
        assertThat(scans.get(0)).contains("\"status\":\"IN_TRANSIT\"", "Jakarta sorting centre");
        assertThat(scans.get(1)).contains("\"status\":\"OUT_FOR_DELIVERY\"", "Yogyakarta");
        assertThat(scans.get(2)).contains("\"status\":\"DELIVERED\"", "Yogyakarta");
    }
}
