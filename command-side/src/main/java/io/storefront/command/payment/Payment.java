package io.storefront.command.payment;

import io.storefront.api.payment.AwaitPaymentConfirmation;
import io.storefront.api.payment.CapturePayment;
import io.storefront.api.payment.ChargePayment;
import io.storefront.api.payment.ConfirmRefund;
import io.storefront.api.payment.DeclinePayment;
import io.storefront.api.payment.PaymentAwaitingConfirmation;
import io.storefront.api.payment.PaymentCaptured;
import io.storefront.api.payment.PaymentChargeStarted;
import io.storefront.api.payment.PaymentDeclined;
import io.storefront.api.payment.PaymentId;
import io.storefront.api.payment.PaymentRefundRefused;
import io.storefront.api.payment.PaymentRefundRequested;
import io.storefront.api.payment.PaymentRefunded;
import io.storefront.api.payment.PaymentRequested;
import io.storefront.api.payment.RefundPayment;
import io.storefront.api.payment.RefuseRefund;
import io.storefront.api.payment.RequestPayment;
import io.storefront.api.shared.Money;
import io.storefront.command.BusinessRuleViolation;
import io.storefront.command.Conflict;
import io.storefront.command.EventStoreConfiguration;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The payment of one order: requested, charged through the provider, perhaps awaiting the provider's
 * confirmation, then captured or declined; a captured payment is refunded at most once. The payment
 * only decides: the provider is called by {@link ChargesAndRefunds}, which reports its answer with the
 * payment's commands, so that a provider that hangs holds neither the payment nor its transaction.
 * A payment stored before charges were started (requested, then captured or declined) reads as ever.
 */
@Aggregate(cache = EventStoreConfiguration.AGGREGATE_CACHE)
class Payment {

    static final String PROVIDER_UNAVAILABLE = "provider_unavailable";

    private enum Status { REQUESTED, CHARGING, AWAITING_CONFIRMATION, CAPTURED, DECLINED, REFUNDING, REFUNDED, REFUND_REFUSED }

    @AggregateIdentifier
    private String paymentId;
    private String orderId;
    private Money amount;
    private Status status;
    private String gatewayReference;
    /** The provider the charge went to; none for a payment stored before charges were started. */
    private String provider;
    private String refundReason;

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
     * Starts the charge through the shop's provider, once the customer said how they pay; without their
     * instruction the payment waits, and a payment charged already is not charged again.
     */
    @CommandHandler
    void handle(ChargePayment command, PaymentInstructions instructions, PaymentSettings settings, Clock clock) {
        if (status == Status.REQUESTED && instructions.forOrder(orderId).isPresent()) {
            apply(new PaymentChargeStarted(paymentId, orderId, amount, settings.provider(), clock.instant()));
        }
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

    /** The provider took the charge but has not settled it; its webhook says later how it ends. */
    @CommandHandler
    void handle(AwaitPaymentConfirmation command, Clock clock) {
        if (status == Status.AWAITING_CONFIRMATION && command.gatewayReference().equals(gatewayReference)) {
            return;
        }
        if (status != Status.CHARGING) {
            throw new BusinessRuleViolation("Cannot await the confirmation of a payment that is " + named(status));
        }
        apply(new PaymentAwaitingConfirmation(paymentId, orderId, command.gatewayReference(), command.actionUrl(),
                clock.instant()));
    }

    @CommandHandler
    void handle(DeclinePayment command, Clock clock) {
        if (status == Status.DECLINED) {
            return;
        }
        requirePending("decline");
        apply(new PaymentDeclined(paymentId, orderId, command.reason(), clock.instant()));
    }

    /** Asks the provider that took the money to give it back; its answer comes as {@link ConfirmRefund} or {@link RefuseRefund}. */
    @CommandHandler
    void handle(RefundPayment command, PaymentSettings settings, Clock clock) {
        switch (status) {
            case CAPTURED -> apply(new PaymentRefundRequested(paymentId, orderId, amount, gatewayReference,
                    Objects.requireNonNullElse(provider, settings.provider()), command.reason(), clock.instant()));
            case REFUNDING -> throw new BusinessRuleViolation("The payment is being refunded already");
            case REFUNDED -> throw new BusinessRuleViolation("The payment is refunded already");
            case REFUND_REFUSED -> throw new BusinessRuleViolation("The provider refused to refund the payment");
            default -> throw new BusinessRuleViolation("Only a captured payment can be refunded");
        }
    }

    @CommandHandler
    void handle(ConfirmRefund command, Clock clock) {
        if (status == Status.REFUNDED) {
            return;
        }
        requireRefunding("confirm the refund of");
        apply(new PaymentRefunded(paymentId, orderId, amount, refundReason, clock.instant()));
    }

    /** The money stays with the shop: the payment ends so, for the shop to settle with its customer. */
    @CommandHandler
    void handle(RefuseRefund command, Clock clock) {
        if (status == Status.REFUND_REFUSED) {
            return;
        }
        requireRefunding("refuse the refund of");
        apply(new PaymentRefundRefused(paymentId, orderId, amount, command.reason(), clock.instant()));
    }

    private void requirePending(String action) {
        if (status != Status.REQUESTED && status != Status.CHARGING && status != Status.AWAITING_CONFIRMATION) {
            throw new BusinessRuleViolation("Cannot " + action + " a payment that is " + named(status));
        }
    }

    private void requireRefunding(String action) {
        if (status != Status.REFUNDING) {
            throw new BusinessRuleViolation("Cannot " + action + " a payment that is " + named(status));
        }
    }

    private static String named(Status status) {
        return status.name().toLowerCase().replace('_', ' ');
    }

    @EventSourcingHandler
    void on(PaymentRequested event) {
        paymentId = event.paymentId();
        orderId = event.orderId();
        amount = event.amount();
        status = Status.REQUESTED;
    }

    @EventSourcingHandler
    void on(PaymentChargeStarted event) {
        status = Status.CHARGING;
        provider = event.provider();
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
    void on(PaymentRefundRequested event) {
        status = Status.REFUNDING;
        refundReason = event.reason();
    }

    @EventSourcingHandler
    void on(PaymentRefunded event) {
        status = Status.REFUNDED;
    }

    @EventSourcingHandler
    void on(PaymentRefundRefused event) {
        status = Status.REFUND_REFUSED;
    }
}
