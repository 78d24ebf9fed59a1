package io.storefront.command.shipment;

import io.storefront.api.shipment.RecordTrackingUpdate;
import io.storefront.api.shipment.TrackingStatus;
import io.storefront.command.BusinessRuleViolation;
import io.storefront.command.WebhookRefused;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;

/**
 * The carrier's scans of a parcel, signed with the secret the shop shares with it
 * ({@link CarrierSignature}). A scan repeated changes nothing; one the shipment is past (older, or after
 * delivery) is acknowledged and logged, so that the carrier stops sending it.
 */
@RestController
class CarrierWebhook {

    static final String PATH = "/api/shipments/webhooks/carrier";
    private static final Logger log = LoggerFactory.getLogger(CarrierWebhook.class);

    /** A scan as the carrier reports it. */
    record Scan(String shipmentId, TrackingStatus status, Instant occurredAt, String location, String note) {
    }

    private final CarrierSecret secret;
    private final CommandGateway commands;
    private final Clock clock;

    CarrierWebhook(CarrierSecret secret, CommandGateway commands, Clock clock) {
        this.secret = secret;
        this.commands = commands;
        this.clock = clock;
    }

    @PostMapping(PATH)
    @ResponseStatus(HttpStatus.OK)
    void receive(@RequestBody String body, @RequestHeader(name = CarrierSignature.HEADER, required = false) String signature) {
        if (!CarrierSignature.verifies(signature, body, clock.instant(), secret.value())) {
            throw new WebhookRefused("carrier");
        }
        Scan scan;
        try {
            scan = JsonMapper.shared().readValue(body, Scan.class);
        } catch (JacksonException e) {
            throw new BusinessRuleViolation("The carrier's scan is not one this shop reads");
        }
        try {
            commands.sendAndWait(new RecordTrackingUpdate(scan.shipmentId(), scan.status(), scan.occurredAt(),
                    scan.location(), scan.note()));
        } catch (BusinessRuleViolation | AggregateNotFoundException e) {
            log.info("The carrier's {} scan of shipment {} changes nothing: {}", scan.status(), scan.shipmentId(),
                    e.getMessage());
        }
    }
}
