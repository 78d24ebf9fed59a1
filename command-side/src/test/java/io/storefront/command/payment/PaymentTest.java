package io.storefront.command.payment;

import io.storefront.api.payment.AwaitPaymentConfirmation;
import io.storefront.api.payment.CapturePayment;
import io.storefront.api.payment.ChargePayment;
import io.storefront.api.payment.ConfirmRefund;
import io.storefront.api.payment.DeclinePayment;
import io.storefront.api.payment.PaymentAwaitingConfirmation;
import io.storefront.api.payment.PaymentCaptured;
import io.storefront.api.payment.PaymentChargeStarted;
import io.storefront.api.payment.PaymentDeclined;
import io.storefront.api.payment.PaymentId;
import io.storefront.api.payment.PaymentRefundRefused;
import io.storefront.api.payment.PaymentRefundRequested;
import io.storefront.api.payment.PaymentRefunded;
import io.storefront.api.payment.PaymentRequested;
import io.storefront.api.payment.RefundPayment;
import io.storefront.api.payment.RefuseRefund;
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
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static io.storefront.api.payment.PaymentMethod.CARD;

/**
 * The payment decides; the provider's answers reach it as commands ({@link ChargesAndRefunds} sends
 * them), and each answer counts once.
 */
class PaymentTest {

    private static final String ORDER = "order-1";
    private static final String PAYMENT = PaymentId.forOrder(ORDER);
    private static final Money AMOUNT = Money.of("319000", "IDR");
    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private static final String SHOPS_PROVIDER = "sandbox";

    private final Map<String, PaymentInstructions.Instruction> instructions = new HashMap<>();
    private FixtureConfiguration<Payment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Payment.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(new PaymentSettings(SHOPS_PROVIDER, Duration.ofSeconds(10),
                new PaymentSettings.Retry(4, Duration.ofMillis(500)), ProviderCallsTest.NEVER_DOWN, 4, null, null, null, null));
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
                return Optional.empty();
            }
        });
    }

    private void customerGaveTheirCard() {
        instructions.put(ORDER, new PaymentInstructions.Instruction("pm_card_visa", "4242"));
    }

    private static PaymentRequested requested() {
        return new PaymentRequested(PAYMENT, ORDER, AMOUNT, CARD, NOW.minusSeconds(10));
    }

    private static PaymentChargeStarted started() {
        return new PaymentChargeStarted(PAYMENT, ORDER, AMOUNT, "stripe", NOW.minusSeconds(9));
    }

    private static PaymentCaptured captured() {
        return new PaymentCaptured(PAYMENT, ORDER, AMOUNT, "ch_1", NOW.minusSeconds(5));
    }

    private static PaymentAwaitingConfirmation awaiting() {
        return new PaymentAwaitingConfirmation(PAYMENT, ORDER, "pi_3ds", null, NOW.minusSeconds(5));
    }

    private static PaymentRefundRequested refundRequested() {
        return new PaymentRefundRequested(PAYMENT, ORDER, AMOUNT, "ch_1", "stripe", "order cancelled", NOW.minusSeconds(3));
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
    void a_payment_whose_customer_gave_their_card_starts_its_charge_with_the_shops_provider() {
        customerGaveTheirCard();
        fixture.given(requested())
                .when(new ChargePayment(PAYMENT))
                .expectEvents(new PaymentChargeStarted(PAYMENT, ORDER, AMOUNT, SHOPS_PROVIDER, NOW));
    }

    @Test
    void without_an_instruction_the_payment_waits() {
        fixture.given(requested())
                .when(new ChargePayment(PAYMENT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_charge_is_started_once() {
        customerGaveTheirCard();
        fixture.given(requested(), started())
                .when(new ChargePayment(PAYMENT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(requested(), started(), awaiting())
                .when(new ChargePayment(PAYMENT))
                .expectNoEvents();
        fixture.given(requested(), started(), captured())
                .when(new ChargePayment(PAYMENT))
                .expectNoEvents();
    }

    @Test
    void a_payment_stored_before_charges_were_started_is_not_charged_again() {
        customerGaveTheirCard();
        fixture.given(requested(), captured())
                .when(new ChargePayment(PAYMENT))
                .expectNoEvents();
    }

    @Test
    void the_providers_approval_captures_the_charging_payment_once() {
        fixture.given(requested(), started())
                .when(new CapturePayment(PAYMENT, "ch_1"))
                .expectEvents(new PaymentCaptured(PAYMENT, ORDER, AMOUNT, "ch_1", NOW));
        fixture.given(requested(), started(), captured())
                .when(new CapturePayment(PAYMENT, "ch_1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void the_providers_decline_declines_the_charging_payment_once() {
        PaymentDeclined declined = new PaymentDeclined(PAYMENT, ORDER, "insufficient_funds", NOW);
        fixture.given(requested(), started())
                .when(new DeclinePayment(PAYMENT, "insufficient_funds"))
                .expectEvents(declined);
        fixture.given(requested(), started(), declined)
                .when(new DeclinePayment(PAYMENT, "insufficient_funds"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_provider_that_stays_unreachable_declines_the_payment() {
        fixture.given(requested(), started())
                .when(new DeclinePayment(PAYMENT, Payment.PROVIDER_UNAVAILABLE))
                .expectEvents(new PaymentDeclined(PAYMENT, ORDER, Payment.PROVIDER_UNAVAILABLE, NOW));
    }

    @Test
    void a_charge_the_provider_has_not_settled_awaits_its_confirmation_once() {
        fixture.given(requested(), started())
                .when(new AwaitPaymentConfirmation(PAYMENT, "pi_3ds", "https://hooks.stripe.com/3d_secure/pi_3ds"))
                .expectEvents(new PaymentAwaitingConfirmation(PAYMENT, ORDER, "pi_3ds",
                        "https://hooks.stripe.com/3d_secure/pi_3ds", NOW));
        fixture.given(requested(), started(), awaiting())
                .when(new AwaitPaymentConfirmation(PAYMENT, "pi_3ds", null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(requested(), started(), awaiting())
                .when(new AwaitPaymentConfirmation(PAYMENT, "pi_other", null))
                .expectException(BusinessRuleViolation.class)
                .expectExceptionMessage("Cannot await the confirmation of a payment that is awaiting confirmation");
    }

    @Test
    void only_a_charging_payment_awaits_a_confirmation() {
        fixture.given(requested())
                .when(new AwaitPaymentConfirmation(PAYMENT, "pi_3ds", null))
                .expectException(BusinessRuleViolation.class)
                .expectNoEvents();
        fixture.given(requested(), started(), new PaymentDeclined(PAYMENT, ORDER, "The order was cancelled", NOW))
                .when(new AwaitPaymentConfirmation(PAYMENT, "pi_3ds", null))
                .expectException(BusinessRuleViolation.class)
                .expectExceptionMessage("Cannot await the confirmation of a payment that is declined")
                .expectNoEvents();
    }

    @Test
    void a_payment_awaiting_confirmation_is_captured_or_declined_by_the_providers_word() {
        fixture.given(requested(), started(), awaiting())
                .when(new CapturePayment(PAYMENT, "pi_3ds"))
                .expectEvents(new PaymentCaptured(PAYMENT, ORDER, AMOUNT, "pi_3ds", NOW));
        fixture.given(requested(), started(), awaiting())
                .when(new DeclinePayment(PAYMENT, "authentication_required"))
                .expectEvents(new PaymentDeclined(PAYMENT, ORDER, "authentication_required", NOW));
    }

    @Test
    void a_requested_payment_is_captured_or_declined_by_the_providers_webhook() {
        fixture.given(requested())
                .when(new CapturePayment(PAYMENT, "ch_1"))
                .expectEvents(new PaymentCaptured(PAYMENT, ORDER, AMOUNT, "ch_1", NOW));
        fixture.given(requested())
                .when(new DeclinePayment(PAYMENT, "insufficient funds"))
                .expectEvents(new PaymentDeclined(PAYMENT, ORDER, "insufficient funds", NOW));
    }

    @Test
    void a_captured_payment_is_not_captured_with_another_charge() {
        fixture.given(requested(), captured())
                .when(new CapturePayment(PAYMENT, "ch_2"))
                .expectException(BusinessRuleViolation.class)
                .expectExceptionMessage("Cannot capture a payment that is captured");
    }

    @Test
    void money_the_provider_took_after_a_decline_is_recorded_so_that_the_closed_order_gives_it_back() {
        fixture.given(requested(), started(), new PaymentDeclined(PAYMENT, ORDER, Payment.PROVIDER_UNAVAILABLE, NOW))
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
    void a_captured_payment_asks_the_provider_that_took_it_for_all_its_money_back() {
        fixture.given(requested(), started(), captured())
                .when(new RefundPayment(PAYMENT, "order cancelled"))
                .expectEvents(new PaymentRefundRequested(PAYMENT, ORDER, AMOUNT, "ch_1", "stripe", "order cancelled", NOW));
    }

    @Test
    void a_payment_captured_before_charges_were_started_is_refunded_through_the_shops_provider() {
        fixture.given(requested(), captured())
                .when(new RefundPayment(PAYMENT, "order cancelled"))
                .expectEvents(new PaymentRefundRequested(PAYMENT, ORDER, AMOUNT, "ch_1", SHOPS_PROVIDER, "order cancelled", NOW));
    }

    @Test
    void the_providers_refund_refunds_the_payment_once() {
        PaymentRefunded refunded = new PaymentRefunded(PAYMENT, ORDER, AMOUNT, "order cancelled", NOW);
        fixture.given(requested(), started(), captured(), refundRequested())
                .when(new ConfirmRefund(PAYMENT))
                .expectEvents(refunded);
        fixture.given(requested(), started(), captured(), refundRequested(), refunded)
                .when(new ConfirmRefund(PAYMENT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_refund_the_provider_refuses_leaves_the_money_with_the_shop_once_and_for_good() {
        PaymentRefundRefused refused = new PaymentRefundRefused(PAYMENT, ORDER, AMOUNT, "expired_or_canceled_card", NOW);
        fixture.given(requested(), started(), captured(), refundRequested())
                .when(new RefuseRefund(PAYMENT, "expired_or_canceled_card"))
                .expectEvents(refused);
        fixture.given(requested(), started(), captured(), refundRequested(), refused)
                .when(new RefuseRefund(PAYMENT, "expired_or_canceled_card"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(requested(), started(), captured(), refundRequested(), refused)
                .when(new RefundPayment(PAYMENT, "again"))
                .expectException(BusinessRuleViolation.class)
                .expectExceptionMessage("The provider refused to refund the payment");
        fixture.given(requested(), started(), captured(), refundRequested(), refused)
                .when(new ConfirmRefund(PAYMENT))
                .expectException(BusinessRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void a_payment_is_refunded_only_once() {
        fixture.given(requested(), captured(), refundRequested())
                .when(new RefundPayment(PAYMENT, "again"))
                .expectException(BusinessRuleViolation.class)
                .expectExceptionMessage("The payment is being refunded already");
        fixture.given(requested(), captured(), refundRequested(),
                        new PaymentRefunded(PAYMENT, ORDER, AMOUNT, "order cancelled", NOW))
                .when(new RefundPayment(PAYMENT, "again"))
                .expectException(BusinessRuleViolation.class)
                .expectExceptionMessage("The payment is refunded already");
    }

    @Test
    void only_a_captured_payment_is_refunded_and_only_a_refund_asked_for_is_answered() {
        fixture.given(requested())
                .when(new RefundPayment(PAYMENT, "order cancelled"))
                .expectException(BusinessRuleViolation.class)
                .expectExceptionMessage("Only a captured payment can be refunded");
        fixture.given(requested(), captured())
                .when(new ConfirmRefund(PAYMENT))
                .expectException(BusinessRuleViolation.class)
                .expectExceptionMessage("Cannot confirm the refund of a payment that is captured");
        fixture.given(requested(), captured())
                .when(new RefuseRefund(PAYMENT, "no"))
                .expectException(BusinessRuleViolation.class)
                .expectNoEvents();
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
}
