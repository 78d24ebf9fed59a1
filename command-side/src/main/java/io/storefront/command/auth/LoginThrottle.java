package io.storefront.command.auth;

import io.storefront.command.TooSoon;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Counts failed logins per email in Redis: after too many within the lockout window, further attempts
 * are refused with 429 until the window has passed, whatever the password. The email is hashed in the key.
 */
@Component
class LoginThrottle {

    private final StringRedisTemplate redis;
    private final AuthSettings settings;

    LoginThrottle(StringRedisTemplate redis, AuthSettings settings) {
        this.redis = redis;
        this.settings = settings;
    }

    void check(String email) {
        String key = key(email);
        String failures = redis.opsForValue().get(key);
        if (failures != null && Integer.parseInt(failures) >= settings.loginFailures()) {
            Long seconds = redis.getExpire(key);
            throw new TooSoon("Too many failed logins for this account; try again later",
                    Duration.ofSeconds(seconds == null || seconds < 1 ? 1 : seconds));
        }
    }

    void failed(String email) {
        String key = key(email);
        Long failures = redis.opsForValue().increment(key);
        if (failures != null && failures == 1) {
            redis.expire(key, settings.loginLockout());
        }
    }

    void succeeded(String email) {
        redis.delete(key(email));
    }

    private static String key(String email) {
        return "auth:login-failures:" + Sessions.sha256(Credentials.normalized(email));
    }
}
