package io.storefront.command.payment;

import io.storefront.api.shared.Money;
import io.storefront.command.BusinessRuleViolation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sandbox takes back only the tokens it made itself, as a real provider takes only its own form's. */
class SandboxTokensTest {

    private final SandboxPaymentGateway sandbox = new SandboxPaymentGateway(Duration.ZERO);

    @Test
    void a_token_the_sandbox_made_from_a_card_is_taken_back_and_charges_as_the_card_says() {
        String token = sandbox.tokenize("4242424242424242").token();

        assertThat(sandbox.token(token).token()).isEqualTo(token);
        assertThat(sandbox.charge("key-1", "payment-1", token, Money.of("85000", "IDR")).result())
                .isEqualTo(PaymentGateway.Outcome.Result.APPROVED);
    }

    @Test
    void a_made_up_token_is_refused() {
        assertThatThrownBy(() -> sandbox.token("sandbox_ok_" + UUID.randomUUID()))
                .isInstanceOf(BusinessRuleViolation.class).hasMessageContaining("no such token");
    }

    @Test
    void a_declined_card_s_token_altered_to_approve_is_refused() {
        String declined = sandbox.tokenize("4000000000000002").token();
        String altered = declined.replace("sandbox_card_declined_", "sandbox_ok_");

        assertThat(altered).isNotEqualTo(declined);
        assertThatThrownBy(() -> sandbox.token(altered)).isInstanceOf(BusinessRuleViolation.class);
    }

    @Test
    void another_sandbox_s_token_is_refused() {
        String elsewhere = new SandboxPaymentGateway(Duration.ZERO).tokenize("4242424242424242").token();

        assertThatThrownBy(() -> sandbox.token(elsewhere)).isInstanceOf(BusinessRuleViolation.class);
    }
}
