package io.storefront.command.payment;

import io.storefront.api.order.VerifyOrderAccess;
import io.storefront.api.payment.CapturePayment;
import io.storefront.api.payment.ChargePayment;
import io.storefront.api.payment.DeclinePayment;
import io.storefront.api.payment.PaymentId;
import io.storefront.api.payment.PaymentMethod;
import io.storefront.api.payment.RefundPayment;
import io.storefront.api.payment.RequestPayment;
import io.storefront.api.shared.Money;
import io.storefront.command.web.Created;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.hibernate.validator.constraints.LuhnCheck;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
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

    /**
     * The card, as a number (the sandbox takes those) or as the token the provider's own payment form
     * made in the customer's browser ({@code pm_...} for Stripe): one of the two.
     */
    record CardInstruction(@Pattern(regexp = "[0-9]{12,19}", message = "must be 12 to 19 digits")
                           @LuhnCheck(message = "is not a valid card number") String cardNumber,
                           @Size(max = 200) String token) {

        @AssertTrue(message = "give either a cardNumber or a token")
        boolean isEitherNumberOrToken() {
            return (cardNumber == null) != (token == null);
        }

        @Override
        public String toString() {
            return "CardInstruction[cardNumber=****]";
        }
    }

    private final CommandGateway commands;
    private final PaymentGateway gateway;
    private final PaymentInstructions instructions;
    private final EventStore eventStore;

    PaymentController(CommandGateway commands, PaymentGateway gateway, PaymentInstructions instructions,
                      EventStore eventStore) {
        this.commands = commands;
        this.gateway = gateway;
        this.instructions = instructions;
        this.eventStore = eventStore;
    }

    /**
     * How the customer pays for an order: the card is exchanged for the gateway's token at once and
     * only the token is kept. If the order's payment is waiting, its charge starts now; otherwise as soon
     * as the order asks for its payment. The provider's answer comes later: the customer follows the
     * payment. Only the order's customer (or the shop) may say how it is paid.
     */
    @PutMapping("/instructions/{orderId}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void instruct(@PathVariable String orderId, @Valid @RequestBody CardInstruction body) {
        commands.sendAndWait(new VerifyOrderAccess(orderId));
        PaymentGateway.CardToken card = body.cardNumber() != null ? gateway.tokenize(body.cardNumber()) : gateway.token(body.token());
        instructions.store(orderId, new PaymentInstructions.Instruction(card.token(), card.last4()));
        String paymentId = PaymentId.forOrder(orderId);
        if (eventStore.lastSequenceNumberFor(paymentId).isPresent()) {
            commands.sendAndWait(new ChargePayment(paymentId));
        }
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
