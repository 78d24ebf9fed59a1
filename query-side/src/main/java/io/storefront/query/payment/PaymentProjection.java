package io.storefront.query.payment;

import io.storefront.api.payment.PaymentAwaitingConfirmation;
import io.storefront.api.payment.PaymentCaptured;
import io.storefront.api.payment.PaymentDeclined;
import io.storefront.api.payment.PaymentRefundRefused;
import io.storefront.api.payment.PaymentRefunded;
import io.storefront.api.payment.PaymentRequested;
import io.storefront.query.ReadCache;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import static io.storefront.query.Times.utc;

/**
 * Payments and where each stands. Every write sets what its event says, so a repeat changes nothing;
 * each change makes the cache forget the payment.
 */
@Component
@ProcessingGroup("payments-view")
class PaymentProjection {

    private final JdbcClient jdbc;
    private final ReadCache cache;

    PaymentProjection(JdbcClient jdbc, ReadCache cache) {
        this.jdbc = jdbc;
        this.cache = cache;
    }

    @EventHandler
    void on(PaymentRequested event) {
        jdbc.sql("""
                        INSERT INTO payment_view (payment_id, order_id, status, amount, currency, method, requested_at, updated_at)
                        VALUES (?, ?, 'REQUESTED', ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(event.paymentId(), event.orderId(), event.amount().amount(),
                        event.amount().currency().getCurrencyCode(), event.method().name(),
                        utc(event.requestedAt()), utc(event.requestedAt()))
                .update();
    }

    @EventHandler
    void on(PaymentAwaitingConfirmation event) {
        jdbc.sql("""
                        UPDATE payment_view SET status = 'AWAITING_CONFIRMATION', gateway_reference = ?, action_url = ?,
                            updated_at = ? WHERE payment_id = ?""")
                .params(event.gatewayReference(), event.actionUrl(), utc(event.at()), event.paymentId())
                .update();
        cache.forget(PaymentQueryController.CACHE, event.paymentId());
    }

    @EventHandler
    void on(PaymentCaptured event) {
        jdbc.sql("UPDATE payment_view SET status = 'CAPTURED', gateway_reference = ?, action_url = NULL, updated_at = ? "
                        + "WHERE payment_id = ?")
                .params(event.gatewayReference(), utc(event.capturedAt()), event.paymentId())
                .update();
        cache.forget(PaymentQueryController.CACHE, event.paymentId());
    }

    @EventHandler
    void on(PaymentDeclined event) {
        jdbc.sql("UPDATE payment_view SET status = 'DECLINED', reason = ?, action_url = NULL, updated_at = ? "
                        + "WHERE payment_id = ?")
                .params(event.reason(), utc(event.declinedAt()), event.paymentId())
                .update();
        cache.forget(PaymentQueryController.CACHE, event.paymentId());
    }

    @EventHandler
    void on(PaymentRefunded event) {
        jdbc.sql("UPDATE payment_view SET status = 'REFUNDED', reason = ?, updated_at = ? WHERE payment_id = ?")
                .params(event.reason(), utc(event.refundedAt()), event.paymentId())
                .update();
        cache.forget(PaymentQueryController.CACHE, event.paymentId());
    }

    /** The provider kept the money: the payment stays so, for the shop to settle with its customer. */
    @EventHandler
    void on(PaymentRefundRefused event) {
        jdbc.sql("UPDATE payment_view SET status = 'REFUND_REFUSED', reason = ?, updated_at = ? WHERE payment_id = ?")
                .params(event.reason(), utc(event.refusedAt()), event.paymentId())
                .update();
        cache.forget(PaymentQueryController.CACHE, event.paymentId());
    }

    @ResetHandler
    void clearForReplay() {
        jdbc.sql("TRUNCATE payment_view").update();
        cache.forgetAll(PaymentQueryController.CACHE);
    }
}
