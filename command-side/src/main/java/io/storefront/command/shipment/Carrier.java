package io.storefront.command.shipment;

import io.storefront.api.shared.Address;

/**
 * The carrier that takes the shop's parcels. Booked when a shipment's label is created; from then on
 * it reports each scan of the parcel to the shop's carrier webhook, signed.
 */
interface Carrier {

    void book(String shipmentId, Address destination);

    /** Calls a booking off before the carrier took the parcel; calling it off twice changes nothing. */
    void cancel(String shipmentId);
}
