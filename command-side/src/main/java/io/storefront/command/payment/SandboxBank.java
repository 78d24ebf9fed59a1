package io.storefront.command.payment;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox's 3-D Secure page: where a customer whose card asks for it confirms the charge, or does
 * not, as they would at their bank. Reached by the unguessable address the pending charge gave, without
 * a token, like a bank's page; the answer settles the payment as a provider's webhook would.
 */
@RestController
@ConditionalOnProperty(name = "storefront.payment.provider", havingValue = "sandbox", matchIfMissing = true)
class SandboxBank {

    record Answer(boolean authenticated) {
    }

    private final SandboxPaymentGateway sandbox;
    private final Settlements settlements;

    SandboxBank(SandboxPaymentGateway sandbox, Settlements settlements) {
        this.sandbox = sandbox;
        this.settlements = settlements;
    }

    @PostMapping(SandboxPaymentGateway.CONFIRMATION_PATH + "{code}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void confirm(@PathVariable String code, @RequestBody Answer answer) {
        SandboxPaymentGateway.Confirmation waiting = sandbox.confirmation(code).orElseThrow(() -> new ErrorResponseException(
                HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                        "No charge waits for confirmation here"), null));
        if (answer.authenticated()) {
            settlements.captured("The sandbox", waiting.paymentId(), waiting.reference());
        } else {
            settlements.declined("The sandbox", waiting.paymentId(), "authentication_failed");
        }
    }
}
