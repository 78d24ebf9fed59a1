package io.storefront.command.payment;

import io.storefront.command.WebhookRefused;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * Xendit's invoice callback. Verified as Xendit documents it: the {@code x-callback-token} header
 * carries the account's callback verification token, known only to Xendit and this shop (compared in
 * constant time). The invoice's {@code external_id} is the payment's id: {@code PAID} or
 * {@code SETTLED} captures it, {@code EXPIRED} declines it, through {@link Settlements}.
 */
@RestController
@ConditionalOnProperty(name = "storefront.payment.provider", havingValue = "xendit")
class XenditCallback {

    static final String PATH = "/api/payments/webhooks/xendit";

    private final byte[] callbackToken;
    private final Settlements settlements;

    XenditCallback(PaymentSettings settings, Settlements settlements) {
        this.callbackToken = settings.xendit().callbackToken().getBytes(StandardCharsets.UTF_8);
        this.settlements = settlements;
    }

    @PostMapping(PATH)
    @ResponseStatus(HttpStatus.OK)
    void receive(@RequestBody Map<String, Object> invoice,
                 @RequestHeader(name = "x-callback-token", required = false) String token) {
        if (token == null || !MessageDigest.isEqual(callbackToken, token.getBytes(StandardCharsets.UTF_8))) {
            throw new WebhookRefused("Xendit");
        }
        String paymentId = String.valueOf(invoice.get("external_id"));
        switch (String.valueOf(invoice.get("status"))) {
            case "PAID", "SETTLED" -> settlements.captured("Xendit", paymentId, String.valueOf(invoice.get("id")));
            case "EXPIRED" -> settlements.declined("Xendit", paymentId, "invoice_expired");
            default -> { } // nothing settled yet
        }
    }
}
