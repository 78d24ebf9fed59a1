package io.storefront.policy.payment;

import io.storefront.api.order.CancellationReason;
import io.storefront.api.order.LatePaymentReceived;
import io.storefront.api.order.OrderCancelled;
import io.storefront.api.order.OrderReadyForPayment;
import io.storefront.api.payment.ChargePayment;
import io.storefront.api.payment.DeclinePayment;
import io.storefront.api.payment.PaymentId;
import io.storefront.api.payment.PaymentMethod;
import io.storefront.api.payment.PaymentRequested;
import io.storefront.api.payment.RefundPayment;
import io.storefront.api.payment.RequestPayment;
import io.storefront.policy.PolicyCommands;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * The Payment context's part of the checkout: an order whose stock is reserved is charged; a paid
 * order that is cancelled, or a payment that came in after its order closed, is refunded; a payment
 * still pending when its order is cancelled is closed.
 */
@Component
@ProcessingGroup("payment-policy")
class PaymentPolicy {

    private final PolicyCommands commands;

    PaymentPolicy(PolicyCommands commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(OrderReadyForPayment event) {
        commands.send(new RequestPayment(PaymentId.forOrder(event.orderId()), event.orderId(), event.total(),
                PaymentMethod.CARD));
    }

    /** Its charge starts with the customer's card if they gave one already; otherwise when they do. */
    @EventHandler
    void on(PaymentRequested event) {
        commands.send(new ChargePayment(event.paymentId()));
    }

    @EventHandler
    void on(OrderCancelled event) {
        String paymentId = PaymentId.forOrder(event.orderId());
        if (event.wasPaid()) {
            commands.send(new RefundPayment(paymentId, "The order was cancelled"));
        } else if (event.reason() != CancellationReason.PAYMENT_DECLINED) {
            commands.send(new DeclinePayment(paymentId, "The order was cancelled"));
        }
    }

    @EventHandler
    void on(LatePaymentReceived event) {
        commands.send(new RefundPayment(event.paymentId(), "The order was closed before its payment came in"));
    }
}
