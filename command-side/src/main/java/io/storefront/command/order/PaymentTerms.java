package io.storefront.command.order;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;

/** How long an order waits for its payment once its stock is reserved, before it is cancelled. */
@Component
class PaymentTerms {

    private final Duration paymentTimeout;

    PaymentTerms(@Value("${storefront.order.payment-timeout}") Duration paymentTimeout) {
        this.paymentTimeout = paymentTimeout;
    }

    Duration paymentTimeout() {
        return paymentTimeout;
    }
}
