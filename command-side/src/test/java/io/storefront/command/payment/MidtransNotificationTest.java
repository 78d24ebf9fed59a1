package io.storefront.command.payment;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Midtrans' HTTP notifications as Midtrans sends them: no token, a {@code signature_key} that is the
 * SHA-512 of order_id + status_code + gross_amount + server key, computed here from that description.
 */
@TestPropertySource(properties = {"storefront.payment.provider=midtrans",
        "storefront.payment.midtrans.server-key=" + MidtransNotificationTest.SERVER_KEY,
        "storefront.payment.midtrans.api-base=http://localhost:9"})
class MidtransNotificationTest extends WebhookSpec {

    static final String SERVER_KEY = "SB-Mid-server-notification-test";

    @Test
    void a_signed_settlement_captures_the_payment_once_however_often_it_comes() {
        String paymentId = PaymentRequests.requestedPayment(admin);
        Map<String, Object> settled = notification(paymentId, "200", "settlement", SERVER_KEY);

        send(settled).expectStatus().isOk();
        send(settled).expectStatus().isOk();

        assertThat(stored.types(paymentId)).containsExactly("PaymentRequested", "PaymentCaptured");
        assertThat(stored.payloads(paymentId).getLast()).contains("\"gatewayReference\":\"trx-" + paymentId + "\"");
    }

    @Test
    void a_signed_denial_declines_the_payment_and_a_pending_one_changes_nothing() {
        String paymentId = PaymentRequests.requestedPayment(admin);

        send(notification(paymentId, "201", "pending", SERVER_KEY)).expectStatus().isOk();
        send(notification(paymentId, "202", "deny", SERVER_KEY)).expectStatus().isOk();

        assertThat(stored.types(paymentId)).containsExactly("PaymentRequested", "PaymentDeclined");
    }

    @Test
    void a_notification_signed_with_another_key_or_altered_or_unsigned_is_a_401_and_changes_nothing() {
        String paymentId = PaymentRequests.requestedPayment(admin);
        Map<String, Object> forged = notification(paymentId, "200", "settlement", "SB-Mid-server-somebody-else");
        Map<String, Object> altered = new java.util.HashMap<>(notification(paymentId, "200", "settlement", SERVER_KEY));
        altered.put("gross_amount", "1.00");
        Map<String, Object> unsigned = new java.util.HashMap<>(notification(paymentId, "200", "settlement", SERVER_KEY));
        unsigned.remove("signature_key");

        send(forged).expectStatus().isUnauthorized().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        send(altered).expectStatus().isUnauthorized();
        send(unsigned).expectStatus().isUnauthorized();

        assertThat(stored.types(paymentId)).containsExactly("PaymentRequested");
    }

    private RestTestClient.ResponseSpec send(Map<String, Object> notification) {
        return PaymentRequests.unauthenticated(port)
                .post().uri(MidtransNotification.PATH).contentType(MediaType.APPLICATION_JSON).body(notification).exchange();
    }

    /** A card notification as Midtrans' reference shows it, signed with {@code key}. */
    private static Map<String, Object> notification(String paymentId, String statusCode, String status, String key) {
        String grossAmount = "319000.00";
        return Map.of("transaction_time", "2026-11-28 17:00:00", "transaction_status", status,
                "transaction_id", "trx-" + paymentId, "status_message", "midtrans payment notification",
                "status_code", statusCode, "signature_key", sha512(paymentId + statusCode + grossAmount + key),
                "payment_type", "credit_card", "order_id", paymentId, "gross_amount", grossAmount,
                "fraud_status", "accept");
    }

    private static String sha512(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
