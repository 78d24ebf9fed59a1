package io.storefront.command.shipment;

import io.storefront.api.shared.Address;
import io.storefront.api.shipment.CancelShipment;
import io.storefront.api.shipment.CreateShipment;
import io.storefront.api.shipment.RecordTrackingUpdate;
import io.storefront.api.shipment.ShipmentCancelled;
import io.storefront.api.shipment.ShipmentCreated;
import io.storefront.api.shipment.ShipmentId;
import io.storefront.api.shipment.ShipmentTracked;
import io.storefront.api.shipment.TrackingStatus;
import io.storefront.command.BusinessRuleViolation;
import io.storefront.command.Conflict;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;

import static io.storefront.api.shipment.TrackingStatus.DELIVERED;
import static io.storefront.api.shipment.TrackingStatus.EXCEPTION;
import static io.storefront.api.shipment.TrackingStatus.IN_TRANSIT;
import static io.storefront.api.shipment.TrackingStatus.LABEL_CREATED;
import static io.storefront.api.shipment.TrackingStatus.OUT_FOR_DELIVERY;

class ShipmentTest {

    private static final String ORDER = "order-1";
    private static final String SHIPMENT = ShipmentId.forOrder(ORDER);
    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private static final Address ADDRESS =
            new Address("Siti Rahma", "Jl. Sudirman 1", null, "Jakarta", null, "10220", "ID");

    private final Set<String> paidOrders = new HashSet<>();
    private FixtureConfiguration<Shipment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Shipment.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource((PaidOrders) paidOrders::contains);
    }

    private static ShipmentCreated created() {
        return new ShipmentCreated(SHIPMENT, ORDER, ADDRESS, "JNE", NOW);
    }

    private static RecordTrackingUpdate update(TrackingStatus status, int minutesLater) {
        return new RecordTrackingUpdate(SHIPMENT, status, NOW.plusSeconds(60L * minutesLater), "Jakarta hub", null);
    }

    private static ShipmentTracked tracked(TrackingStatus status, int minutesLater) {
        return new ShipmentTracked(SHIPMENT, ORDER, status, NOW.plusSeconds(60L * minutesLater), "Jakarta hub", null);
    }

    @Test
    void a_paid_order_is_shipped_with_its_label_created() {
        paidOrders.add(ORDER);
        fixture.givenNoPriorActivity()
                .when(new CreateShipment(SHIPMENT, ORDER, ADDRESS, "JNE"))
                .expectEvents(created());
    }

    @Test
    void an_order_has_one_shipment() {
        paidOrders.add(ORDER);
        fixture.given(created())
                .when(new CreateShipment(SHIPMENT, ORDER, ADDRESS, "JNE"))
                .expectException(Conflict.class)
                .expectNoEvents();
    }

    @Test
    void an_unpaid_order_is_not_shipped() {
        fixture.givenNoPriorActivity()
                .when(new CreateShipment(SHIPMENT, ORDER, ADDRESS, "JNE"))
                .expectException(BusinessRuleViolation.class)
                .expectExceptionMessage("Only a paid order can be shipped");
    }

    @Test
    void the_shipment_id_is_the_one_of_its_order() {
        paidOrders.add(ORDER);
        fixture.givenNoPriorActivity()
                .when(new CreateShipment("any-id", ORDER, ADDRESS, "JNE"))
                .expectException(BusinessRuleViolation.class);
    }

    @Test
    void tracking_moves_forward_step_by_step() {
        fixture.given(created(), tracked(IN_TRANSIT, 10))
                .when(update(OUT_FOR_DELIVERY, 20))
                .expectEvents(tracked(OUT_FOR_DELIVERY, 20));
    }

    @Test
    void a_missed_scan_may_skip_a_step() {
        fixture.given(created())
                .when(update(OUT_FOR_DELIVERY, 20))
                .expectEvents(tracked(OUT_FOR_DELIVERY, 20));
    }

    @Test
    void tracking_never_goes_back() {
        fixture.given(created(), tracked(OUT_FOR_DELIVERY, 20))
                .when(update(IN_TRANSIT, 30))
                .expectException(BusinessRuleViolation.class)
                .expectExceptionMessage("A shipment that is out for delivery cannot go back to in transit");
        fixture.given(created())
                .when(update(LABEL_CREATED, 5))
                .expectException(BusinessRuleViolation.class);
    }

    @Test
    void an_exception_may_come_at_any_point_before_delivery() {
        fixture.given(created())
                .when(update(EXCEPTION, 5))
                .expectEvents(tracked(EXCEPTION, 5));
        fixture.given(created(), tracked(OUT_FOR_DELIVERY, 20))
                .when(update(EXCEPTION, 30))
                .expectEvents(tracked(EXCEPTION, 30));
    }

    @Test
    void after_an_exception_the_parcel_moves_on_from_where_it_was() {
        fixture.given(created(), tracked(IN_TRANSIT, 10), tracked(EXCEPTION, 20))
                .when(update(OUT_FOR_DELIVERY, 30))
                .expectEvents(tracked(OUT_FOR_DELIVERY, 30));
        fixture.given(created(), tracked(OUT_FOR_DELIVERY, 10), tracked(EXCEPTION, 20))
                .when(update(IN_TRANSIT, 30))
                .expectException(BusinessRuleViolation.class);
    }

    @Test
    void after_a_failed_delivery_attempt_the_parcel_goes_out_for_delivery_again() {
        fixture.given(created(), tracked(OUT_FOR_DELIVERY, 10), tracked(EXCEPTION, 20))
                .when(update(OUT_FOR_DELIVERY, 30))
                .expectEvents(tracked(OUT_FOR_DELIVERY, 30));
    }

    @Test
    void nothing_happens_after_delivery() {
        fixture.given(created(), tracked(DELIVERED, 60))
                .when(update(EXCEPTION, 70))
                .expectException(BusinessRuleViolation.class)
                .expectExceptionMessage("The shipment is delivered; it takes no more updates");
    }

    @Test
    void the_same_scan_reported_twice_changes_nothing() {
        fixture.given(created(), tracked(IN_TRANSIT, 10))
                .when(update(IN_TRANSIT, 10))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(created(), tracked(DELIVERED, 60))
                .when(update(DELIVERED, 60))
                .expectNoEvents();
    }

    @Test
    void a_scan_cannot_predate_the_last_one() {
        fixture.given(created(), tracked(IN_TRANSIT, 30))
                .when(update(OUT_FOR_DELIVERY, 20))
                .expectException(BusinessRuleViolation.class);
    }

    @Test
    void a_parcel_the_carrier_has_not_taken_is_called_off_once() {
        fixture.given(created())
                .when(new CancelShipment(SHIPMENT))
                .expectEvents(new ShipmentCancelled(SHIPMENT, ORDER, NOW));
        fixture.given(created(), new ShipmentCancelled(SHIPMENT, ORDER, NOW))
                .when(new CancelShipment(SHIPMENT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_parcel_on_its_way_is_not_called_off() {
        fixture.given(created(), tracked(TrackingStatus.IN_TRANSIT, 5))
                .when(new CancelShipment(SHIPMENT))
                .expectException(BusinessRuleViolation.class)
                .expectExceptionMessage("The carrier has the parcel already; it is in transit")
                .expectNoEvents();
    }

    @Test
    void a_cancelled_parcel_takes_no_scans() {
        fixture.given(created(), new ShipmentCancelled(SHIPMENT, ORDER, NOW))
                .when(update(TrackingStatus.IN_TRANSIT, 5))
                .expectException(BusinessRuleViolation.class)
                .expectNoEvents();
    }
}
