package io.storefront.command.payment;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * Calls to one payment provider, asked again with doubling pauses while it cannot be reached or fails
 * on its side. That is safe because every call carries the same idempotency key each time: the provider
 * answers a repeat with its first answer. When the provider still fails, the call ends in
 * {@link PaymentGateway.ProviderUnavailable}; any other failure passes through at once. A provider
 * that keeps failing is let be for a while (its breaker opens): calls to it end in
 * {@link PaymentGateway.ProviderUnavailable} at once, instead of each waiting out its timeouts.
 */
final class ProviderCalls {

    private final String provider;
    private final Predicate<Throwable> passing;
    private final Retry retry;
    private final CircuitBreaker breaker;

    ProviderCalls(String provider, PaymentSettings settings, Predicate<Throwable> passing) {
        this.provider = provider;
        this.passing = passing.or(Fault.class::isInstance);
        this.retry = Retry.of(provider, RetryConfig.custom()
                .maxAttempts(settings.retry().attempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(settings.retry().firstPause(), 2.0))
                .retryOnException(this.passing)
                .build());
        PaymentSettings.Breaker down = settings.breaker();
        this.breaker = CircuitBreaker.of(provider, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(down.window())
                .minimumNumberOfCalls(down.window())
                .failureRateThreshold(down.failureRate())
                .waitDurationInOpenState(down.openFor())
                .recordException(this.passing)
                .build());
    }

    <T> T call(Callable<T> call) {
        try {
            return retry.executeCallable(breaker.decorateCallable(call));
        } catch (CallNotPermittedException e) {
            throw new PaymentGateway.ProviderUnavailable(provider, e);
        } catch (RuntimeException e) {
            throw passing.test(e) ? new PaymentGateway.ProviderUnavailable(provider, e) : e;
        } catch (Exception e) {
            if (passing.test(e)) {
                throw new PaymentGateway.ProviderUnavailable(provider, e);
            }
            throw new Refused(e);
        }
    }

    /** The provider failed on its side (a 5xx, too many requests, a refused access token): worth asking again. */
    static final class Fault extends RuntimeException {

        Fault(String why) {
            super(why);
        }
    }

    /** The provider answered, and said no: its own failure is the cause. */
    static final class Refused extends RuntimeException {

        Refused(Exception answer) {
            super(answer.getMessage(), answer);
        }
    }
}
