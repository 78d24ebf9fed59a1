package io.storefront.query;

import io.github.resilience4j.core.IntervalFunction;

import java.time.Duration;

/**
 * How long a part of the query side that stopped by itself (the change capture, the sales analytics'
 * consumer) waits before it starts again: 1 s, doubled after each failure in a row, at most 30 s.
 */
public final class Restarts {

    private static final IntervalFunction PAUSES =
            IntervalFunction.ofExponentialBackoff(Duration.ofSeconds(1), 2, Duration.ofSeconds(30));

    private Restarts() {
    }

    /** The pause after this many failures in a row (one or more). */
    public static Duration pauseAfter(int failuresInARow) {
        return Duration.ofMillis(PAUSES.apply(failuresInARow));
    }
}
