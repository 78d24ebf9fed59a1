package io.storefront.command.payment;

import io.storefront.api.payment.AwaitPaymentConfirmation;
import io.storefront.api.payment.CapturePayment;
import io.storefront.api.payment.ConfirmRefund;
import io.storefront.api.payment.DeclinePayment;
import io.storefront.api.payment.PaymentChargeStarted;
import io.storefront.api.payment.PaymentId;
import io.storefront.api.payment.PaymentRefundRequested;
import io.storefront.api.payment.RefuseRefund;
import io.storefront.api.shared.Money;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What the provider answers, reported to the payment as its commands; the provider asked with the payment's own key. */
class ChargesAndRefundsTest {

    private static final String ORDER = "order-1";
    private static final String PAYMENT = PaymentId.forOrder(ORDER);
    private static final Money AMOUNT = Money.of("319000", "IDR");
    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private static final PaymentChargeStarted STARTED = new PaymentChargeStarted(PAYMENT, ORDER, AMOUNT, "stripe", NOW);
    private static final PaymentRefundRequested REFUND = new PaymentRefundRequested(PAYMENT, ORDER, AMOUNT, "pi_1", "stripe",
            "The order was cancelled", NOW);

    private final List<Object> reported = new ArrayList<>();
    private final List<String> keys = new ArrayList<>();

    /** The processor for a shop that takes its payments through Stripe, whose every call {@code answers} so (none: unreachable). */
    private ChargesAndRefunds providerAnswering(PaymentGateway.Outcome answers) {
        SimpleCommandBus commands = SimpleCommandBus.builder().build();
        List.of(CapturePayment.class, DeclinePayment.class, AwaitPaymentConfirmation.class, ConfirmRefund.class, RefuseRefund.class)
                .forEach(command -> commands.subscribe(command.getName(), message -> reported.add(message.getPayload())));
        PaymentSettings settings = new PaymentSettings("stripe", Duration.ofSeconds(10),
                new PaymentSettings.Retry(4, Duration.ofMillis(500)), ProviderCallsTest.NEVER_DOWN, 4, null, null, null, null);
        return new ChargesAndRefunds(new Answering(answers), new OneCard(),
                new Settlements(DefaultCommandGateway.builder().commandBus(commands).build()), settings);
    }

    @Test
    void an_approved_charge_captures_the_payment_charged_under_its_own_id() {
        providerAnswering(PaymentGateway.Outcome.approved("pi_1")).on(STARTED);

        assertThat(keys).containsExactly(PAYMENT);
        assertThat(reported).containsExactly(new CapturePayment(PAYMENT, "pi_1"));
    }

    @Test
    void a_declined_charge_declines_the_payment_with_the_providers_reason() {
        providerAnswering(PaymentGateway.Outcome.declined("insufficient_funds")).on(STARTED);

        assertThat(reported).containsExactly(new DeclinePayment(PAYMENT, "insufficient_funds"));
    }

    @Test
    void a_charge_the_provider_has_not_settled_awaits_its_confirmation() {
        providerAnswering(PaymentGateway.Outcome.pending("pi_3ds", "https://hooks.stripe.com/3d_secure/pi_3ds")).on(STARTED);

        assertThat(reported).containsExactly(new AwaitPaymentConfirmation(PAYMENT, "pi_3ds", "https://hooks.stripe.com/3d_secure/pi_3ds"));
    }

    @Test
    void a_provider_that_stays_unreachable_declines_the_payment() {
        providerAnswering(null).on(STARTED);

        assertThat(reported).containsExactly(new DeclinePayment(PAYMENT, Payment.PROVIDER_UNAVAILABLE));
    }

    @Test
    void a_charge_started_with_another_provider_is_not_this_ones_to_make() {
        providerAnswering(PaymentGateway.Outcome.approved("pi_1"))
                .on(new PaymentChargeStarted(PAYMENT, ORDER, AMOUNT, "paypal", NOW));

        assertThat(keys).isEmpty();
        assertThat(reported).isEmpty();
    }

    @Test
    void a_refund_the_provider_made_confirms_the_refund_asked_under_its_own_key() {
        providerAnswering(PaymentGateway.Outcome.approved("re_1")).on(REFUND);

        assertThat(keys).containsExactly("refund:" + PAYMENT);
        assertThat(reported).containsExactly(new ConfirmRefund(PAYMENT));
    }

    @Test
    void a_refund_the_provider_refuses_or_cannot_be_asked_for_is_refused() {
        providerAnswering(PaymentGateway.Outcome.declined("expired_or_canceled_card")).on(REFUND);
        providerAnswering(null).on(REFUND);

        assertThat(reported).containsExactly(new RefuseRefund(PAYMENT, "expired_or_canceled_card"),
                new RefuseRefund(PAYMENT, Payment.PROVIDER_UNAVAILABLE));
    }

    @Test
    void its_calls_are_never_replayed() {
        assertThat(new AnnotationEventHandlerAdapter(providerAnswering(null)).supportsReset()).isFalse();
    }

    /** A provider that answers every call alike, or cannot be reached at all (no answer); it notes each idempotency key. */
    private final class Answering implements PaymentGateway {

        private final Outcome answer;

        Answering(Outcome answer) {
            this.answer = answer;
        }

        @Override
        public CardToken tokenize(String cardNumber) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CardToken token(String providerToken) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Outcome charge(String idempotencyKey, String paymentId, String token, Money amount) {
            return refund(idempotencyKey, null, amount);
        }

        @Override
        public Outcome refund(String idempotencyKey, String chargeReference, Money amount) {
            keys.add(idempotencyKey);
            if (answer == null) {
                throw new ProviderUnavailable("Stripe", new java.net.ConnectException("Connection refused"));
            }
            return answer;
        }
    }

    /** The customer of the order gave a card. */
    private static final class OneCard implements PaymentInstructions {

        @Override
        public void store(String orderId, Instruction instruction) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Instruction> forOrder(String orderId) {
            return Optional.of(new Instruction("pm_card_visa", "4242"));
        }

        @Override
        public Optional<String> orderPaidWith(String gatewayToken) {
            return Optional.empty();
        }
    }
}
