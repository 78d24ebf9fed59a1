package io.storefront.command.payment;

import io.storefront.api.payment.CapturePayment;
import io.storefront.api.payment.DeclinePayment;
import io.storefront.api.payment.PaymentId;
import io.storefront.api.payment.PaymentMethod;
import io.storefront.api.payment.RefundPayment;
import io.storefront.api.payment.RequestPayment;
import io.storefront.api.shared.Money;
import io.storefront.command.web.Created;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.Objects;

@RestController
@RequestMapping("/api/payments")
class PaymentController {

    record PaymentRequest(String orderId, Money amount, PaymentMethod method) {
    }

    record Capture(String gatewayReference) {
    }

    record Reason(String reason) {
    }

    private final CommandGateway commands;

    PaymentController(CommandGateway commands) {
        this.commands = commands;
    }

    /** A second request for the same order is a 409: the order's payment exists already. */
    @PostMapping
    ResponseEntity<Created> request(@RequestBody PaymentRequest body) {
        // a missing order id is reported by validation, as the orderId field
        String paymentId = PaymentId.forOrder(Objects.requireNonNullElse(body.orderId(), ""));
        commands.sendAndWait(new RequestPayment(paymentId, body.orderId(), body.amount(), body.method()));
        return Created.at(paymentId);
    }

    @PostMapping("/{paymentId}/capture")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void capture(@PathVariable String paymentId, @RequestBody Capture body) {
        commands.sendAndWait(new CapturePayment(paymentId, body.gatewayReference()));
    }

    @PostMapping("/{paymentId}/decline")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void decline(@PathVariable String paymentId, @RequestBody Reason body) {
        commands.sendAndWait(new DeclinePayment(paymentId, body.reason()));
    }

    @PostMapping("/{paymentId}/refund")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void refund(@PathVariable String paymentId, @RequestBody Reason body) {
        commands.sendAndWait(new RefundPayment(paymentId, body.reason()));
    }
}
