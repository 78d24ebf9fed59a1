package io.storefront.api.shipment;

/**
 * Where a parcel is, in the order a carrier reports it. {@link #EXCEPTION} (a failed delivery attempt,
 * a damaged label) may come at any point before delivery, and the parcel moves on afterwards.
 */
public enum TrackingStatus {
    LABEL_CREATED, IN_TRANSIT, OUT_FOR_DELIVERY, DELIVERED, EXCEPTION
}
