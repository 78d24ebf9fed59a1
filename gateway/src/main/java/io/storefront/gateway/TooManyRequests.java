package io.storefront.gateway;

/** A caller over their rate: answered with 429 and how long to wait. */
class TooManyRequests extends RuntimeException {

    private final long retryAfterSeconds;

    TooManyRequests(long retryAfterSeconds) {
        super("Rate limit exceeded", null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
