package io.storefront.command;

import org.axonframework.common.AxonNonTransientException;

import java.time.Duration;

/** A command repeated before it may be repeated, such as a resent code. Answered with 429 and Retry-After. */
public class TooSoon extends AxonNonTransientException {

    private final Duration retryAfter;

    public TooSoon(String reason, Duration retryAfter) {
        super(reason);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
