package io.storefront.command.payment;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The breaker around a provider's calls: a provider that keeps failing is let be, one that says no is not. */
class ProviderCallsTest {

    /** A breaker that never opens, for the specs of one provider's answers. */
    static final PaymentSettings.Breaker NEVER_DOWN = new PaymentSettings.Breaker(100, 1000, Duration.ofSeconds(1));

    private final AtomicInteger calls = new AtomicInteger();
    private final ProviderCalls provider = new ProviderCalls("The provider", new PaymentSettings("sandbox",
            Duration.ofSeconds(1), new PaymentSettings.Retry(2, Duration.ofMillis(1)),
            new PaymentSettings.Breaker(50, 4, Duration.ofMinutes(1)), 1, null, null, null, null),
            failure -> false);

    @Test
    void a_provider_that_keeps_failing_is_not_called_for_a_while_and_its_calls_end_at_once_as_unavailable() {
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> provider.call(this::failing)).isInstanceOf(PaymentGateway.ProviderUnavailable.class);
        }
        assertThat(calls).as("each call tried twice").hasValue(4);

        assertThatThrownBy(() -> provider.call(this::failing)).isInstanceOf(PaymentGateway.ProviderUnavailable.class);
        assertThat(calls).as("not called while its breaker is open").hasValue(4);
    }

    @Test
    void a_provider_that_says_no_is_answering_and_is_called_again() {
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> provider.call(this::refusing)).isInstanceOf(ProviderCalls.Refused.class);
        }
        assertThat(provider.call(() -> "answered")).isEqualTo("answered");
    }

    private String failing() {
        calls.incrementAndGet();
        throw new ProviderCalls.Fault("HTTP 503");
    }

    private String refusing() throws Exception {
        throw new Exception("card_declined");
    }
}
