package io.storefront.api.order;

public enum CancellationReason {
    /** The customer changed their mind; allowed until the order ships. */
    CUSTOMER,
    /** The payment gateway declined the payment. */
    PAYMENT_DECLINED,
    /** The payment did not complete before the order's payment deadline. */
    PAYMENT_TIMEOUT
}
