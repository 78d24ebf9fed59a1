package io.storefront.command.payment;

import io.storefront.command.WebhookRefused;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Midtrans' HTTP notification about a transaction. Verified as Midtrans documents it: its
 * {@code signature_key} is the SHA-512, in hex, of {@code order_id + status_code + gross_amount + server
 * key}, each as the notification gives it; only Midtrans and this shop know the server key.
 * {@link Settlements} turns it into the payment's commands (the transaction's {@code order_id} is the
 * payment's id).
 */
@RestController
@ConditionalOnProperty(name = "storefront.payment.provider", havingValue = "midtrans")
class MidtransNotification {

    static final String PATH = "/api/payments/webhooks/midtrans";

    private final byte[] serverKey;
    private final Settlements settlements;

    MidtransNotification(PaymentSettings settings, Settlements settlements) {
        this.serverKey = settings.midtrans().serverKey().getBytes(StandardCharsets.UTF_8);
        this.settlements = settlements;
    }

    @PostMapping(PATH)
    @ResponseStatus(HttpStatus.OK)
    void receive(@RequestBody Map<String, Object> notification) {
        verify(notification);
        String paymentId = (String) notification.get("order_id");
        Object status = notification.get("transaction_status");
        PaymentGateway.Outcome outcome = MidtransPaymentGateway.outcomeOf(notification);
        if (MidtransPaymentGateway.SETTLED.contains(status) && outcome.result() == PaymentGateway.Outcome.Result.APPROVED) {
            settlements.captured("Midtrans", paymentId, outcome.reference());
        } else if (MidtransPaymentGateway.FAILED.contains(status)) {
            settlements.declined("Midtrans", paymentId, outcome.detail());
        }
        // pending, a fraud challenge, refunds: nothing to settle, or settled already
    }

    private void verify(Map<String, Object> notification) {
        if (!(notification.get("order_id") instanceof String orderId)
                || !(notification.get("status_code") instanceof String statusCode)
                || !(notification.get("gross_amount") instanceof String grossAmount)
                || !(notification.get("signature_key") instanceof String signature)) {
            throw new WebhookRefused("Midtrans");
        }
        byte[] expected = HexFormat.of().formatHex(sha512(orderId + statusCode + grossAmount, serverKey))
                .getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, signature.toLowerCase().getBytes(StandardCharsets.UTF_8))) {
            throw new WebhookRefused("Midtrans");
        }
    }

    private static byte[] sha512(String fields, byte[] serverKey) {
        try {
            MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
            sha512.update(fields.getBytes(StandardCharsets.UTF_8));
            return sha512.digest(serverKey);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
