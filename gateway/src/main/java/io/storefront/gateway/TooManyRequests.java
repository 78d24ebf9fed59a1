package io.storefront.gateway;

/** A caller over their rate: answered with 429. Buckets refill every second, so one may try again after one. */
class TooManyRequests extends RuntimeException {

    static final long RETRY_AFTER_SECONDS = 1;

    TooManyRequests() {
        super("Rate limit exceeded", null, false, false);
    }
}
