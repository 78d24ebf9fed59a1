package io.storefront.command.shipment;

import io.storefront.api.shared.Address;
import io.storefront.api.shipment.CreateShipment;
import io.storefront.api.shipment.RecordTrackingUpdate;
import io.storefront.api.shipment.ShipmentId;
import io.storefront.api.shipment.TrackingStatus;
import io.storefront.command.web.Created;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.Objects;

@RestController
@RequestMapping("/api/shipments")
class ShipmentController {

    record NewShipment(String orderId, Address address, String carrier) {
    }

    record TrackingUpdate(TrackingStatus status, Instant occurredAt, String location, String note) {
    }

    private final CommandGateway commands;

    ShipmentController(CommandGateway commands) {
        this.commands = commands;
    }

    /** A second shipment for the same order is a 409: the order's shipment exists already. */
    @PostMapping
    ResponseEntity<Created> create(@RequestBody NewShipment body) {
        // a missing order id is reported by validation, as the orderId field
        String shipmentId = ShipmentId.forOrder(Objects.requireNonNullElse(body.orderId(), ""));
        commands.sendAndWait(new CreateShipment(shipmentId, body.orderId(), body.address(), body.carrier()));
        return Created.at(shipmentId);
    }

    @PostMapping("/{shipmentId}/tracking")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void track(@PathVariable String shipmentId, @RequestBody TrackingUpdate body) {
        commands.sendAndWait(new RecordTrackingUpdate(shipmentId, body.status(), body.occurredAt(), body.location(),
                body.note()));
    }
}
