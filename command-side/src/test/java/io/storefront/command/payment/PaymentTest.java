package io.storefront.command.payment;

import io.storefront.api.payment.CapturePayment;
import io.storefront.api.payment.ChargePayment;
import io.storefront.api.payment.DeclinePayment;
import io.storefront.api.payment.PaymentAwaitingConfirmation;
import io.storefront.api.payment.PaymentCaptured;
import io.storefront.api.payment.PaymentDeclined;
import io.storefront.api.payment.PaymentId;
import io.storefront.api.payment.PaymentRefunded;
import io.storefront.api.payment.PaymentRequested;
import io.storefront.api.payment.RefundPayment;
import io.storefront.api.payment.RequestPayment;
import io.storefront.api.shared.Money;
import io.storefront.command.BusinessRuleViolation;
import io.storefront.command.Conflict;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.time.Instant;
import java.time.ZoneOffset;

import static io.storefront.api.payment.PaymentMethod.CARD;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.axonframework.test.matchers.Matchers.predicate;

class PaymentTest {

    private static final String ORDER = "order-1";
    private static final String PAYMENT = PaymentId.forOrder(ORDER);
    private static final Money AMOUNT = Money.of("319000", "IDR");
    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    private final SandboxPaymentGateway gateway = new SandboxPaymentGateway(Duration.ZERO);
    private final Map<String, PaymentInstructions.Instruction> instructions = new HashMap<>();
    private FixtureConfiguration<Payment> fixture;

    @BeforeEach
    void setUp() {
        payingThrough(gateway);
    }

    /** The fixture with {@code provider} as the payment gateway. */
    private void payingThrough(PaymentGateway provider) {
        fixture = new AggregateTestFixture<>(Payment.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(provider);
        fixture.registerInjectableResource(new PaymentInstructions() {
            @Override
            public void store(String orderId, Instruction instruction) {
                instructions.put(orderId, instruction);
            }

            @Override
            public Optional<Instruction> forOrder(String orderId) {
                return Optional.ofNullable(instructions.get(orderId));
            }

            @Override
            public Optional<String> orderPaidWith(String gatewayToken) {
                return instructions.entrySet().stream().filter(entry -> entry.getValue().gatewayToken().equals(gatewayToken))
                        .map(Map.Entry::getKey).findFirst();
            }
        });
    }

    private void customerPaysWith(String cardNumber) {
        PaymentGateway.CardToken card = gateway.tokenize(cardNumber);
        instructions.put(ORDER, new PaymentInstructions.Instruction(card.token(), card.last4()));
    }

    @Test
    void a_payment_is_charged_with_the_customers_card() {
        customerPaysWith("4242424242424242");
        fixture.given(requested())
                .when(new ChargePayment(PAYMENT))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        predicate(event -> event instanceof PaymentCaptured captured
                                && captured.amount().equals(AMOUNT) && captured.gatewayReference().startsWith("sandbox_ch_")),
                        andNoMore())));
    }

    @Test
    void a_declining_card_declines_the_payment_with_the_gateways_reason() {
        customerPaysWith("4000000000009995");
        fixture.given(requested())
                .when(new ChargePayment(PAYMENT))
                .expectEvents(new PaymentDeclined(PAYMENT, ORDER, "insufficient_funds", NOW));
    }

    @Test
    void without_an_instruction_the_payment_waits() {
        fixture.given(requested())
                .when(new ChargePayment(PAYMENT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_captured_payment_is_not_charged_again() {
        customerPaysWith("4242424242424242");
        fixture.given(requested(), captured())
                .when(new ChargePayment(PAYMENT))
                .expectNoEvents();
    }

    private static PaymentRequested requested() {
        return new PaymentRequested(PAYMENT, ORDER, AMOUNT, CARD, NOW.minusSeconds(10));
    }

    private static PaymentCaptured captured() {
        return new PaymentCaptured(PAYMENT, ORDER, AMOUNT, "ch_1", NOW.minusSeconds(5));
    }

    @Test
    void a_payment_is_requested_for_an_order() {
        fixture.givenNoPriorActivity()
                .when(new RequestPayment(PAYMENT, ORDER, AMOUNT, CARD))
                .expectEvents(new PaymentRequested(PAYMENT, ORDER, AMOUNT, CARD, NOW));
    }

    @Test
    void an_order_has_one_payment() {
        fixture.given(requested())
                .when(new RequestPayment(PAYMENT, ORDER, AMOUNT, CARD))
                .expectException(Conflict.class)
                .expectNoEvents();
    }

    @Test
    void the_payment_id_is_the_one_of_its_order() {
        fixture.givenNoPriorActivity()
                .when(new RequestPayment("any-id", ORDER, AMOUNT, CARD))
                .expectException(BusinessRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void a_payment_is_for_more_than_nothing() {
        fixture.givenNoPriorActivity()
                .when(new RequestPayment(PAYMENT, ORDER, Money.of("0", "IDR"), CARD))
                .expectException(BusinessRuleViolation.class)
                .expectExceptionMessage("A payment must be for more than nothing");
    }

    @Test
    void a_requested_payment_is_captured_once() {
        fixture.given(requested())
                .when(new CapturePayment(PAYMENT, "ch_1"))
                .expectEvents(new PaymentCaptured(PAYMENT, ORDER, AMOUNT, "ch_1", NOW));
        fixture.given(requested(), captured())
                .when(new CapturePayment(PAYMENT, "ch_1"))
                .expectNoEvents();
    }

    @Test
    void a_captured_payment_is_not_captured_with_another_charge() {
        fixture.given(requested(), captured())
                .when(new CapturePayment(PAYMENT, "ch_2"))
                .expectException(BusinessRuleViolation.class)
                .expectExceptionMessage("Cannot capture a payment that is captured");
    }

    @Test
    void a_requested_payment_is_declined_once() {
        fixture.given(requested())
                .when(new DeclinePayment(PAYMENT, "insufficient funds"))
                .expectEvents(new PaymentDeclined(PAYMENT, ORDER, "insufficient funds", NOW));
        fixture.given(requested(), new PaymentDeclined(PAYMENT, ORDER, "insufficient funds", NOW))
                .when(new DeclinePayment(PAYMENT, "insufficient funds"))
                .expectNoEvents();
    }

    @Test
    void money_the_provider_took_after_a_decline_is_recorded_so_that_the_closed_order_gives_it_back() {
        fixture.given(requested(), new PaymentDeclined(PAYMENT, ORDER, Payment.PROVIDER_UNAVAILABLE, NOW))
                .when(new CapturePayment(PAYMENT, "pi_late"))
                .expectEvents(new PaymentCaptured(PAYMENT, ORDER, AMOUNT, "pi_late", NOW));
    }

    @Test
    void a_captured_payment_is_not_declined() {
        fixture.given(requested(), captured())
                .when(new DeclinePayment(PAYMENT, "fraud"))
                .expectException(BusinessRuleViolation.class);
    }

    @Test
    void a_charge_the_provider_has_not_settled_awaits_its_confirmation_and_is_not_charged_again() {
        providerAnswers(PaymentGateway.Outcome.pending("pi_3ds", "https://hooks.stripe.com/3d_secure/pi_3ds"));
        fixture.given(requested())
                .when(new ChargePayment(PAYMENT))
                .expectEvents(new PaymentAwaitingConfirmation(PAYMENT, ORDER, "pi_3ds",
                        "https://hooks.stripe.com/3d_secure/pi_3ds", NOW));
        fixture.given(requested(), awaiting())
                .when(new ChargePayment(PAYMENT))
                .expectNoEvents();
    }

    @Test
    void a_payment_awaiting_confirmation_is_captured_or_declined_by_the_providers_word() {
        fixture.given(requested(), awaiting())
                .when(new CapturePayment(PAYMENT, "pi_3ds"))
                .expectEvents(new PaymentCaptured(PAYMENT, ORDER, AMOUNT, "pi_3ds", NOW));
        fixture.given(requested(), awaiting())
                .when(new DeclinePayment(PAYMENT, "authentication_required"))
                .expectEvents(new PaymentDeclined(PAYMENT, ORDER, "authentication_required", NOW));
    }

    @Test
    void a_provider_that_stays_unreachable_declines_the_payment() {
        payingThrough(new ScriptedGateway(null));
        customerPaysWith("4242424242424242");
        fixture.given(requested())
                .when(new ChargePayment(PAYMENT))
                .expectEvents(new PaymentDeclined(PAYMENT, ORDER, Payment.PROVIDER_UNAVAILABLE, NOW));
    }

    private void providerAnswers(PaymentGateway.Outcome outcome) {
        payingThrough(new ScriptedGateway(outcome));
        instructions.put(ORDER, new PaymentInstructions.Instruction("pm_card_visa", "4242"));
    }

    private static PaymentAwaitingConfirmation awaiting() {
        return new PaymentAwaitingConfirmation(PAYMENT, ORDER, "pi_3ds", null, NOW.minusSeconds(5));
    }

    /** A provider that answers every charge alike, or cannot be reached at all (no outcome). */
    private record ScriptedGateway(PaymentGateway.Outcome outcome) implements PaymentGateway {

        @Override
        public CardToken tokenize(String cardNumber) {
            return new CardToken("tok_" + cardNumber, cardNumber.substring(12));
        }

        @Override
        public CardToken token(String providerToken) {
            return new CardToken(providerToken, null);
        }

        @Override
        public Outcome charge(String idempotencyKey, String paymentId, String token, Money amount) {
            if (outcome == null) {
                throw new ProviderUnavailable("The provider", new java.net.ConnectException("Connection refused"));
            }
            return outcome;
        }

        @Override
        public Outcome refund(String idempotencyKey, String chargeReference, Money amount) {
            return charge(idempotencyKey, null, null, amount);
        }
    }

    @Test
    void a_refunded_payment_is_neither_captured_nor_declined() {
        PaymentRefunded refunded = new PaymentRefunded(PAYMENT, ORDER, AMOUNT, "order cancelled", NOW);
        fixture.given(requested(), captured(), refunded)
                .when(new CapturePayment(PAYMENT, "ch_1"))
                .expectException(BusinessRuleViolation.class)
                .expectExceptionMessage("Cannot capture a payment that is refunded");
        fixture.given(requested(), captured(), refunded)
                .when(new DeclinePayment(PAYMENT, "fraud"))
                .expectException(BusinessRuleViolation.class)
                .expectExceptionMessage("Cannot decline a payment that is refunded");
    }

    @Test
    void a_captured_payment_is_refunded_in_full() {
        fixture.given(requested(), captured())
                .when(new RefundPayment(PAYMENT, "order cancelled"))
                .expectEvents(new PaymentRefunded(PAYMENT, ORDER, AMOUNT, "order cancelled", NOW));
    }

    @Test
    void a_payment_is_refunded_only_once() {
        fixture.given(requested(), captured(), new PaymentRefunded(PAYMENT, ORDER, AMOUNT, "order cancelled", NOW))
                .when(new RefundPayment(PAYMENT, "again"))
                .expectException(BusinessRuleViolation.class)
                .expectExceptionMessage("The payment is refunded already");
    }

    @Test
    void only_a_captured_payment_is_refunded() {
        fixture.given(requested())
                .when(new RefundPayment(PAYMENT, "order cancelled"))
                .expectException(BusinessRuleViolation.class)
                .expectExceptionMessage("Only a captured payment can be refunded");
    }
}
