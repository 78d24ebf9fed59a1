package io.storefront.command.shipment;

import io.storefront.api.shipment.ShipmentCancelled;
import io.storefront.api.shipment.ShipmentCreated;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Books the carrier for each new label, and calls the booking off when the shipment is cancelled. Its own tracking processor, starting at the head of the
 * stream when first run: shipments from before the carrier came are not booked again.
 */
@Component
@ProcessingGroup(CarrierBooking.GROUP)
@ConditionalOnProperty(name = "storefront.carrier.provider", havingValue = "simulated")
class CarrierBooking {

    static final String GROUP = "carrier-booking";

    private final Carrier carrier;

    CarrierBooking(Carrier carrier) {
        this.carrier = carrier;
    }

    @EventHandler
    void on(ShipmentCreated event) {
        carrier.book(event.shipmentId(), event.address());
    }

    @EventHandler
    void on(ShipmentCancelled event) {
        carrier.cancel(event.shipmentId());
    }

    @Autowired
    void fromTheHead(EventProcessingConfigurer processing) {
        processing.registerTrackingEventProcessor(GROUP, Configuration::eventStore, configuration ->
                TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andInitialTrackingToken(StreamableMessageSource::createHeadToken));
    }
}
