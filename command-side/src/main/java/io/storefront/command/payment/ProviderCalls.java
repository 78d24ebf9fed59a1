package io.storefront.command.payment;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * Calls to one payment provider, asked again with doubling pauses while it cannot be reached or fails
 * on its side. That is safe because every call carries the same idempotency key each time: the provider
 * answers a repeat with its first answer. When the provider still fails, the call ends in
 * {@link PaymentGateway.ProviderUnavailable}; any other failure passes through at once.
 */
final class ProviderCalls {

    private final String provider;
    private final Predicate<Throwable> passing;
    private final Retry retry;

    ProviderCalls(String provider, PaymentSettings.Retry settings, Predicate<Throwable> passing) {
        this.provider = provider;
        this.passing = passing.or(Fault.class::isInstance);
        this.retry = Retry.of(provider, RetryConfig.custom()
                .maxAttempts(settings.attempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(settings.firstPause(), 2.0))
                .retryOnException(this.passing)
                .build());
    }

    <T> T call(Callable<T> call) {
        try {
            return retry.executeCallable(call);
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
