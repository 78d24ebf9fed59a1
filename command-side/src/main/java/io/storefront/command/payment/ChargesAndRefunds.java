package io.storefront.command.payment;

import io.storefront.api.payment.PaymentChargeStarted;
import io.storefront.api.payment.PaymentRefundRequested;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.util.Objects;

/**
 * Talks to the payment provider for the payments: charges those whose charge started and refunds those
 * whose refund was asked for, then reports the provider's answer with the payment's commands (through
 * {@link Settlements}, as its webhooks do). The payment's id is the idempotency key of its charge, and
 * {@code refund:<id>} of its refund, so an event handled twice (a crash before the token was stored)
 * asks the provider again and hears its first answer. Calls time out, are retried and stop while the
 * provider is down ({@link ProviderCalls}); a provider still unreachable declines the charge
 * ({@value Payment#PROVIDER_UNAVAILABLE}; if it charged after all, its webhook captures the closed
 * payment and the money goes back) and refuses the refund, for the shop to settle by hand.
 *
 * <p>Its own tracking processor with {@code storefront.payment.parallel-calls} segments, each its own
 * thread, one event per transaction, in order per payment: a call that hangs delays only the payments of
 * its segment, and holds only that segment's transaction (its token, and the answer's events, commit
 * together), never the payment. It makes only the calls for this shop's provider, so that a shop that
 * changes providers does not send a charge or refund to the wrong one. Never replayed: a replay would
 * move money.
 */
@Component
@ProcessingGroup(ChargesAndRefunds.GROUP)
@DisallowReplay
class ChargesAndRefunds {

    static final String GROUP = "payment-provider-calls";
    private static final String NO_REASON = "no reason given";

    private final PaymentGateway gateway;
    private final PaymentInstructions instructions;
    private final Settlements settlements;
    private final String provider;

    ChargesAndRefunds(PaymentGateway gateway, PaymentInstructions instructions, Settlements settlements,
                      PaymentSettings settings) {
        this.gateway = gateway;
        this.instructions = instructions;
        this.settlements = settlements;
        this.provider = settings.provider();
    }

    @EventHandler
    void on(PaymentChargeStarted event) {
        if (!provider.equals(event.provider())) {
            return;
        }
        String token = instructions.forOrder(event.orderId()).orElseThrow(() -> new IllegalStateException(
                "The charge of payment " + event.paymentId() + " started without its customer's instruction")).gatewayToken();
        PaymentGateway.Outcome outcome;
        try {
            outcome = gateway.charge(event.paymentId(), event.paymentId(), token, event.amount());
        } catch (PaymentGateway.ProviderUnavailable e) {
            outcome = PaymentGateway.Outcome.declined(Payment.PROVIDER_UNAVAILABLE);
        }
        switch (outcome.result()) {
            case APPROVED -> settlements.captured(provider, event.paymentId(), outcome.reference());
            case DECLINED -> settlements.declined(provider, event.paymentId(), Objects.requireNonNullElse(outcome.detail(), NO_REASON));
            case PENDING -> settlements.awaitingConfirmation(provider, event.paymentId(), outcome.reference(), outcome.detail());
        }
    }

    @EventHandler
    void on(PaymentRefundRequested event) {
        if (!provider.equals(event.provider())) {
            return;
        }
        PaymentGateway.Outcome outcome;
        try {
            outcome = gateway.refund("refund:" + event.paymentId(), event.gatewayReference(), event.amount());
        } catch (PaymentGateway.ProviderUnavailable e) {
            outcome = PaymentGateway.Outcome.declined(Payment.PROVIDER_UNAVAILABLE);
        }
        if (outcome.result() == PaymentGateway.Outcome.Result.APPROVED) {
            settlements.refunded(provider, event.paymentId());
        } else {
            settlements.refundRefused(provider, event.paymentId(), Objects.requireNonNullElse(outcome.detail(), NO_REASON));
        }
    }

    /** Anything else that fails (the database away) is tried again, the same idempotency key each time. */
    @Autowired
    void inParallel(EventProcessingConfigurer processing, PaymentSettings settings) {
        processing.registerTrackingEventProcessor(GROUP, Configuration::eventStore, configuration ->
                        TrackingEventProcessorConfiguration.forParallelProcessing(settings.parallelCalls())
                                .andInitialSegmentsCount(settings.parallelCalls()))
                .registerListenerInvocationErrorHandler(GROUP, configuration -> PropagatingErrorHandler.instance());
    }
}
