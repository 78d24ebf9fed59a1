package io.storefront.command.payment;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Xendit's invoice callbacks as Xendit sends them: no bearer token, the account's {@code x-callback-token}. */
@TestPropertySource(properties = {"storefront.payment.provider=xendit", "storefront.payment.xendit.secret-key=xnd_test",
        "storefront.payment.xendit.callback-token=" + XenditCallbackTest.CALLBACK_TOKEN,
        "storefront.payment.xendit.api-base=http://localhost:9"})
class XenditCallbackTest extends WebhookSpec {

    static final String CALLBACK_TOKEN = "MuaJALKJSDK12LASHD123kSAKSDHzjahwUWjkasJSDSA12KSNAK21n";

    @Test
    void a_paid_invoice_captures_the_payment_once_and_an_expired_one_declines() {
        String paid = PaymentRequests.requestedPayment(admin);
        String expired = PaymentRequests.requestedPayment(admin);

        send(invoice(paid, "PAID"), CALLBACK_TOKEN).expectStatus().isOk();
        send(invoice(paid, "PAID"), CALLBACK_TOKEN).expectStatus().isOk();
        send(invoice(expired, "EXPIRED"), CALLBACK_TOKEN).expectStatus().isOk();

        assertThat(stored.types(paid)).containsExactly("PaymentRequested", "PaymentCaptured");
        assertThat(stored.types(expired)).containsExactly("PaymentRequested", "PaymentDeclined");
    }

    @Test
    void a_callback_with_another_token_or_none_is_a_401_and_changes_nothing() {
        String paymentId = PaymentRequests.requestedPayment(admin);

        send(invoice(paymentId, "PAID"), CALLBACK_TOKEN + "x").expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).value(body -> assertThat(body).doesNotContain(CALLBACK_TOKEN));
        send(invoice(paymentId, "PAID"), null).expectStatus().isUnauthorized();

        assertThat(stored.types(paymentId)).containsExactly("PaymentRequested");
    }

    private RestTestClient.ResponseSpec send(Map<String, Object> invoice, String token) {
        var request = PaymentRequests.unauthenticated(port).post().uri(XenditCallback.PATH).contentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            request.header("x-callback-token", token);
        }
        return request.body(invoice).exchange();
    }

    /** An invoice callback as Xendit's reference shows it. */
    private static Map<String, Object> invoice(String paymentId, String status) {
        return Map.of("id", "inv-" + paymentId, "external_id", paymentId, "user_id", "5781d19b2e2385880609791c",
                "payment_method", "BANK_TRANSFER", "status", status, "merchant_name", "Storefront",
                "amount", 319000, "paid_amount", 319000, "bank_code", "BCA", "currency", "IDR");
    }
}
