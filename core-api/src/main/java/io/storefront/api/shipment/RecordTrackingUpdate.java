package io.storefront.api.shipment;

import io.storefront.api.shared.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** A carrier's scan: what happened to the parcel, when and where. */
public record RecordTrackingUpdate(
        @TargetAggregateIdentifier @NotBlank String shipmentId,
        @NotNull TrackingStatus status,
        @NotNull Instant occurredAt,
        @NotBlank @Size(max = 200) @PlainText String location,
        @Size(max = 500) @PlainText String note) {
}
