package io.storefront.command.auth;

import io.storefront.command.TooSoon;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Slows password guessing down without handing the guesser a way to lock the owner out. Failed logins
 * are counted in Redis three ways, and an attempt that any of them holds back is refused with 429 and
 * the time to wait, before the password is looked at:
 * <ul>
 * <li>per email and client address: after a few free failures, each further one makes that pair wait,
 * twice as long as the time before; the owner at another address does not wait;</li>
 * <li>per client address across emails, against one address trying many accounts;</li>
 * <li>per email from all addresses, a ceiling far above what one address reaches alone, against many
 * addresses guessing one account; it does not hold back the addresses the owner logged in from.</li>
 * </ul>
 * Emails and addresses are hashed in the keys.
 */
@Component
class LoginThrottle {

    private static final String PREFIX = "auth:login:";

    private final StringRedisTemplate redis;
    private final AuthSettings.LoginThrottling settings;

    LoginThrottle(StringRedisTemplate redis, AuthSettings settings) {
        this.redis = redis;
        this.settings = settings.loginThrottle();
    }

    void check(String email, String address) {
        Keys keys = new Keys(email, address);
        boolean known = Boolean.TRUE.equals(redis.opsForSet().isMember(keys.knownAddresses(), keys.address()));
        Optional<Duration> wait = Stream.of(
                        remaining(keys.pairWait()),
                        remainingOver(keys.addressFailures(), settings.addressFailures()),
                        known ? Optional.<Duration>empty() : remainingOver(keys.emailFailures(), settings.emailFailures()))
                .flatMap(Optional::stream)
                .max(Duration::compareTo);
        if (wait.isPresent()) {
            throw new TooSoon("Too many failed logins; try again later", wait.get());
        }
    }

    void failed(String email, String address) {
        Keys keys = new Keys(email, address);
        long pairFailures = count(keys.pairFailures(), true);
        if (pairFailures >= settings.freeFailures()) {
            Duration delay = delayAfter(pairFailures);
            redis.opsForValue().set(keys.pairWait(), "1", delay);
            redis.expire(keys.pairFailures(), settings.window().plus(delay));
        }
        count(keys.addressFailures(), false);
        count(keys.emailFailures(), false);
    }

    void succeeded(String email, String address) {
        Keys keys = new Keys(email, address);
        redis.delete(List.of(keys.pairFailures(), keys.pairWait()));
        redis.opsForSet().add(keys.knownAddresses(), keys.address());
        redis.expire(keys.knownAddresses(), settings.knownAddressLifetime());
    }

    /** The first delay doubled for every failure past the free ones, at most the longest delay. */
    private Duration delayAfter(long failures) {
        long doublings = Math.min(failures - settings.freeFailures(), 30);
        Duration delay = settings.firstDelay().multipliedBy(1L << doublings);
        return delay.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : delay;
    }

    /**
     * Counts one more failure. A pair's count lives on for the window after its last failure (so that a
     * patient guesser keeps the long waits); the others count within a fixed window from their first.
     */
    private long count(String key, boolean sliding) {
        Long failures = redis.opsForValue().increment(key);
        if (sliding || (failures != null && failures == 1)) {
            redis.expire(key, settings.window());
        }
        return failures == null ? 0 : failures;
    }

    private Optional<Duration> remainingOver(String key, int limit) {
        String failures = redis.opsForValue().get(key);
        return failures != null && Long.parseLong(failures) >= limit ? remaining(key) : Optional.empty();
    }

    /** The time the key has left, in whole seconds rounded up: a client waiting that long is not refused again. */
    private Optional<Duration> remaining(String key) {
        Long millis = redis.getExpire(key, TimeUnit.MILLISECONDS);
        if (millis == null || millis == -2) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds(Math.max(1, (millis + 999) / 1000)));
    }

    private record Keys(String email, String address) {

        Keys {
            email = Sessions.sha256(Credentials.normalized(email));
            address = Sessions.sha256(address);
        }

        String pairFailures() {
            return PREFIX + "failures:" + email + ":" + address;
        }

        String pairWait() {
            return PREFIX + "wait:" + email + ":" + address;
        }

        String addressFailures() {
            return PREFIX + "address-failures:" + address;
        }

        String emailFailures() {
            return PREFIX + "email-failures:" + email;
        }

        String knownAddresses() {
            return PREFIX + "known-addresses:" + email;
        }
    }
}
