package io.storefront.command.payment;

import io.storefront.api.payment.CapturePayment;
import io.storefront.api.payment.PaymentAwaitingConfirmation;
import io.storefront.api.payment.ChargePayment;
import io.storefront.api.payment.DeclinePayment;
import io.storefront.api.payment.PaymentCaptured;
import io.storefront.api.payment.PaymentDeclined;
import io.storefront.api.payment.PaymentId;
import io.storefront.api.payment.PaymentRefunded;
import io.storefront.api.payment.PaymentRequested;
import io.storefront.api.payment.RefundPayment;
import io.storefront.api.payment.RequestPayment;
import io.storefront.api.shared.Money;
import io.storefront.command.BusinessRuleViolation;
import io.storefront.command.Conflict;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.time.Clock;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The payment of one order: requested, perhaps awaiting the provider's confirmation, then captured or
 * declined; a captured payment is refunded at most once.
 */
@Aggregate
class Payment {

    static final String PROVIDER_UNAVAILABLE = "provider_unavailable";

    private enum Status { REQUESTED, AWAITING_CONFIRMATION, CAPTURED, DECLINED, REFUNDED }

    @AggregateIdentifier
    private String paymentId;
    private String orderId;
    private Money amount;
    private Status status;
    private String gatewayReference;

    Payment() {
    }

    /**
     * Created on the first request; a second one is a conflict, refused when it is handled, so that a
     * policy that sends it twice hears so at once.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RequestPayment command, Clock clock) {
        if (paymentId != null) {
            throw new Conflict("The order has a payment already");
        }
        if (!command.paymentId().equals(PaymentId.forOrder(command.orderId()))) {
            throw new BusinessRuleViolation("A payment's id must be the one derived from its order");
        }
        if (command.amount().amount().compareTo(BigDecimal.ZERO) <= 0) {
            throw new BusinessRuleViolation("A payment must be for more than nothing");
        }
        apply(new PaymentRequested(command.paymentId(), command.orderId(), command.amount(), command.method(),
                clock.instant()));
    }

    /**
     * The provider says the money came in. After a decline too: the provider's word is a fact, and the
     * order, closed by then, has it refunded.
     */
    @CommandHandler
    void handle(CapturePayment command, Clock clock) {
        if (status == Status.CAPTURED && command.gatewayReference().equals(gatewayReference)) {
            return;
        }
        if (status != Status.DECLINED) {
            requirePending("capture");
        }
        apply(new PaymentCaptured(paymentId, orderId, amount, command.gatewayReference(), clock.instant()));
    }

    /**
     * Charges through the gateway; the payment's id is the idempotency key, so a retry never charges
     * twice. A provider that stays unreachable declines the payment: if it charged after all, its
     * webhook captures the closed payment and the money goes back.
     */
    @CommandHandler
    void handle(ChargePayment command, PaymentInstructions instructions, PaymentGateway gateway, Clock clock) {
        if (status != Status.REQUESTED) {
            return;
        }
        instructions.forOrder(orderId).ifPresent(instruction -> {
            PaymentGateway.Outcome outcome;
            try {
                outcome = gateway.charge(paymentId, paymentId, instruction.gatewayToken(), amount);
            } catch (PaymentGateway.ProviderUnavailable e) {
                outcome = PaymentGateway.Outcome.declined(PROVIDER_UNAVAILABLE);
            }
            switch (outcome.result()) {
                case APPROVED -> apply(new PaymentCaptured(paymentId, orderId, amount, outcome.reference(), clock.instant()));
                case DECLINED -> apply(new PaymentDeclined(paymentId, orderId, outcome.detail(), clock.instant()));
                case PENDING -> apply(new PaymentAwaitingConfirmation(paymentId, orderId, outcome.reference(),
                        outcome.detail(), clock.instant()));
            }
        });
    }

    @CommandHandler
    void handle(DeclinePayment command, Clock clock) {
        if (status == Status.DECLINED) {
            return;
        }
        requirePending("decline");
        apply(new PaymentDeclined(paymentId, orderId, command.reason(), clock.instant()));
    }

    @CommandHandler
    void handle(RefundPayment command, PaymentGateway gateway, Clock clock) {
        switch (status) {
            case CAPTURED -> {
                PaymentGateway.Outcome outcome = gateway.refund("refund:" + paymentId, gatewayReference, amount);
                if (outcome.result() != PaymentGateway.Outcome.Result.APPROVED) {
                    throw new BusinessRuleViolation("The gateway refused the refund: " + outcome.detail());
                }
                apply(new PaymentRefunded(paymentId, orderId, amount, command.reason(), clock.instant()));
            }
            case REFUNDED -> throw new BusinessRuleViolation("The payment is refunded already");
            default -> throw new BusinessRuleViolation("Only a captured payment can be refunded");
        }
    }

    private void requirePending(String action) {
        if (status != Status.REQUESTED && status != Status.AWAITING_CONFIRMATION) {
            throw new BusinessRuleViolation("Cannot " + action + " a payment that is " + status.name().toLowerCase());
        }
    }

    @EventSourcingHandler
    void on(PaymentRequested event) {
        paymentId = event.paymentId();
        orderId = event.orderId();
        amount = event.amount();
        status = Status.REQUESTED;
    }

    @EventSourcingHandler
    void on(PaymentAwaitingConfirmation event) {
        status = Status.AWAITING_CONFIRMATION;
        gatewayReference = event.gatewayReference();
    }

    @EventSourcingHandler
    void on(PaymentCaptured event) {
        status = Status.CAPTURED;
        gatewayReference = event.gatewayReference();
    }

    @EventSourcingHandler
    void on(PaymentDeclined event) {
        status = Status.DECLINED;
    }

    @EventSourcingHandler
    void on(PaymentRefunded event) {
        status = Status.REFUNDED;
    }
}
