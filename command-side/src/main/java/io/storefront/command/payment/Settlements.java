package io.storefront.command.payment;

import io.storefront.api.payment.AwaitPaymentConfirmation;
import io.storefront.api.payment.CapturePayment;
import io.storefront.api.payment.ConfirmRefund;
import io.storefront.api.payment.DeclinePayment;
import io.storefront.api.payment.RefuseRefund;
import io.storefront.command.BusinessRuleViolation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What a provider says about a payment, in its answer to a charge or refund or in a verified webhook,
 * turned into the payment's commands. A repeat changes nothing (the commands are idempotent), and news
 * the payment is past (a failure after the capture, a charge answered after the order closed its
 * payment) or about a payment this shop does not have is acknowledged and logged, so that the provider
 * stops sending it.
 */
@Component
class Settlements {

    private static final Logger log = LoggerFactory.getLogger(Settlements.class);

    private final CommandGateway commands;

    Settlements(CommandGateway commands) {
        this.commands = commands;
    }

    void captured(String provider, String paymentId, String reference) {
        settle(provider, new CapturePayment(paymentId, reference), paymentId);
    }

    void declined(String provider, String paymentId, String reason) {
        settle(provider, new DeclinePayment(paymentId, reason), paymentId);
    }

    void awaitingConfirmation(String provider, String paymentId, String reference, String actionUrl) {
        settle(provider, new AwaitPaymentConfirmation(paymentId, reference, actionUrl), paymentId);
    }

    void refunded(String provider, String paymentId) {
        settle(provider, new ConfirmRefund(paymentId), paymentId);
    }

    void refundRefused(String provider, String paymentId, String reason) {
        settle(provider, new RefuseRefund(paymentId, reason), paymentId);
    }

    private void settle(String provider, Object command, String paymentId) {
        try {
            commands.sendAndWait(command);
        } catch (BusinessRuleViolation | AggregateNotFoundException e) {
            log.info("{}'s word about payment {} changes nothing: {}", provider, paymentId, e.getMessage());
        }
    }
}
