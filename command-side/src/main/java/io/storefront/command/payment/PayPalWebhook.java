package io.storefront.command.payment;

import io.storefront.api.payment.PaymentId;
import io.storefront.command.WebhookRefused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PayPal's webhook about a capture. PayPal signs each transmission ({@code PAYPAL-TRANSMISSION-SIG} over
 * its id, time, the webhook's id and a CRC32 of the body, with the certificate at
 * {@code PAYPAL-CERT-URL}); as PayPal documents, the shop asks PayPal to check it, over the
 * authenticated API. The capture names PayPal's order, the token the customer gave, which leads to
 * the payment; {@link Settlements} turns it into the payment's commands.
 */
@RestController
@ConditionalOnProperty(name = "storefront.payment.provider", havingValue = "paypal")
class PayPalWebhook {

    static final String PATH = "/api/payments/webhooks/paypal";
    /** PayPal's transmission headers, and the names the verification takes them by. */
    private static final Map<String, String> TRANSMISSION = Map.of(
            "PAYPAL-AUTH-ALGO", "auth_algo", "PAYPAL-CERT-URL", "cert_url", "PAYPAL-TRANSMISSION-ID", "transmission_id",
            "PAYPAL-TRANSMISSION-SIG", "transmission_sig", "PAYPAL-TRANSMISSION-TIME", "transmission_time");
    private static final Logger log = LoggerFactory.getLogger(PayPalWebhook.class);

    private final PayPalPaymentGateway paypal;
    private final String webhookId;
    private final PaymentInstructions instructions;
    private final Settlements settlements;

    PayPalWebhook(PayPalPaymentGateway paypal, PaymentSettings settings, PaymentInstructions instructions,
                  Settlements settlements) {
        this.paypal = paypal;
        this.webhookId = settings.paypal().webhookId();
        this.instructions = instructions;
        this.settlements = settlements;
    }

    @PostMapping(PATH)
    @ResponseStatus(HttpStatus.OK)
    void receive(@RequestBody String body, @RequestHeader HttpHeaders headers) {
        JsonNode event = verified(body, headers);
        JsonNode capture = event.path("resource");
        String order = capture.path("supplementary_data").path("related_ids").path("order_id").asString("");
        String paymentId = instructions.orderPaidWith(order).map(PaymentId::forOrder).orElse(null);
        if (paymentId == null) {
            log.info("PayPal webhook {} ({}) is about nothing this shop charged", event.path("id").asString(""),
                    event.path("event_type").asString(""));
            return;
        }
        switch (event.path("event_type").asString("")) {
            case "PAYMENT.CAPTURE.COMPLETED" -> settlements.captured("PayPal", paymentId, capture.path("id").asString());
            case "PAYMENT.CAPTURE.DENIED", "PAYMENT.CAPTURE.DECLINED" ->
                    settlements.declined("PayPal", paymentId, "denied by PayPal");
            default -> log.debug("PayPal webhook {} needs nothing done", event.path("event_type").asString(""));
        }
    }

    private JsonNode verified(String body, HttpHeaders headers) {
        Map<String, String> transmission = new LinkedHashMap<>();
        TRANSMISSION.forEach((header, field) -> transmission.put(field, headers.getFirst(header)));
        if (transmission.containsValue(null)) {
            throw new WebhookRefused("PayPal");
        }
        JsonNode event;
        try {
            event = JsonMapper.shared().readTree(body);
        } catch (JacksonException e) {
            throw new WebhookRefused("PayPal");
        }
        if (!paypal.vouchesFor(transmission, webhookId, body)) {
            throw new WebhookRefused("PayPal");
        }
        return event;
    }
}
