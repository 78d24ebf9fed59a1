package io.storefront.command.auth;

import io.storefront.api.auth.AccessTokenFormat;
import io.storefront.command.Actor;
import io.storefront.command.NotYours;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Login sessions in Redis. A session holds the hash of its one valid refresh token; refreshing swaps it
 * for a new one, and the old token's hash stays pointing at the session so that its reuse, the sign of
 * a stolen token, ends the whole session. Only hashes of refresh tokens are stored.
 */
@Component
class Sessions {

    record Session(String id, String userId, Actor.Role role, Instant createdAt, Instant refreshedAt) {
    }

    /** A session and the refresh token its holder must present next; the token exists nowhere else. */
    record Grant(Session session, String refreshToken) {

        @Override
        public String toString() {
            return "Grant[session=" + session.id() + "]";
        }
    }

    // KEYS: session, refresh-token hash, the user's session set; ARGV: ttl, session id, user, role, now, hash
    private static final RedisScript<Long> OPEN = RedisScript.of("""
            redis.call('HSET', KEYS[1], 'userId', ARGV[3], 'role', ARGV[4], 'createdAt', ARGV[5],
                       'refreshedAt', ARGV[5], 'refresh', ARGV[6])
            redis.call('EXPIRE', KEYS[1], ARGV[1])
            redis.call('SET', KEYS[2], ARGV[2], 'EX', ARGV[1])
            redis.call('SADD', KEYS[3], ARGV[2])
            redis.call('EXPIRE', KEYS[3], ARGV[1])
            return 1""", Long.class);

    // KEYS: presented token's hash key; ARGV: presented hash, new hash, now, ttl, session key prefix,
    // new hash key, user session set prefix
    private static final RedisScript<List> ROTATE = RedisScript.of("""
            local sid = redis.call('GET', KEYS[1])
            if not sid then return {'unknown'} end
            local session = ARGV[5] .. sid
            local current = redis.call('HGET', session, 'refresh')
            if not current then return {'ended'} end
            if current ~= ARGV[1] then
              redis.call('DEL', session)
              return {'reused'}
            end
            local fields = redis.call('HMGET', session, 'userId', 'role', 'createdAt')
            redis.call('HSET', session, 'refresh', ARGV[2], 'refreshedAt', ARGV[3])
            redis.call('EXPIRE', session, ARGV[4])
            redis.call('EXPIRE', ARGV[7] .. fields[1], ARGV[4])
            redis.call('SET', ARGV[6], sid, 'EX', ARGV[4])
            return {'rotated', sid, fields[1], fields[2], fields[3]}""", List.class);

    private static final String USER_SESSIONS_PREFIX = "auth:user-sessions:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final StringRedisTemplate redis;
    private final AuthSettings settings;
    private final Clock clock;

    Sessions(StringRedisTemplate redis, AuthSettings settings, Clock clock) {
        this.redis = redis;
        this.settings = settings;
        this.clock = clock;
    }

    Grant open(String userId, Actor.Role role) {
        String sessionId = UUID.randomUUID().toString();
        String refreshToken = newToken();
        String tokenHash = sha256(refreshToken);
        Instant now = clock.instant();
        redis.execute(OPEN, List.of(AccessTokenFormat.sessionKey(sessionId), refreshKey(tokenHash), userKey(userId)),
                ttl(), sessionId, userId, role.name(), now.toString(), tokenHash);
        return new Grant(new Session(sessionId, userId, role, now, now), refreshToken);
    }

    /** Swaps a refresh token for a new one; a token used before ends its session. */
    Grant rotate(String refreshToken) {
        String presented = sha256(refreshToken);
        String next = newToken();
        String nextHash = sha256(next);
        Instant now = clock.instant();
        List<?> outcome = redis.execute(ROTATE, List.of(refreshKey(presented)), presented, nextHash, now.toString(), ttl(),
                AccessTokenFormat.SESSION_KEY_PREFIX, refreshKey(nextHash), USER_SESSIONS_PREFIX);
        return switch (String.valueOf(outcome.getFirst())) {
            case "rotated" -> new Grant(new Session((String) outcome.get(1), (String) outcome.get(2),
                    Actor.Role.valueOf((String) outcome.get(3)), Instant.parse((String) outcome.get(4)), now), next);
            case "reused" -> throw new AuthenticationRefused("This refresh token was used before, so its session has been ended; log in again");
            case "ended" -> throw new AuthenticationRefused("The session has ended; log in again");
            default -> throw new AuthenticationRefused("Unknown or expired refresh token; log in again");
        };
    }

    /** The live sessions of a user, newest first; ended ones are forgotten on the way. */
    List<Session> of(String userId) {
        List<Session> live = new ArrayList<>();
        for (String sessionId : redis.opsForSet().members(userKey(userId))) {
            find(sessionId).ifPresentOrElse(live::add, () -> redis.opsForSet().remove(userKey(userId), sessionId));
        }
        live.sort(Comparator.comparing(Session::createdAt).reversed());
        return live;
    }

    /** Ends a session of this user; somebody else's session is as unknown as a missing one. */
    void end(String userId, String sessionId) {
        Session session = find(sessionId).filter(found -> found.userId().equals(userId))
                .orElseThrow(() -> new NotYours(sessionId));
        redis.delete(AccessTokenFormat.sessionKey(session.id()));
        redis.opsForSet().remove(userKey(userId), sessionId);
    }

    private Optional<Session> find(String sessionId) {
        Map<Object, Object> fields = redis.opsForHash().entries(AccessTokenFormat.sessionKey(sessionId));
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Session(sessionId, (String) fields.get("userId"),
                Actor.Role.valueOf((String) fields.get("role")), Instant.parse((String) fields.get("createdAt")),
                Instant.parse((String) fields.get("refreshedAt"))));
    }

    private String ttl() {
        return Long.toString(settings.refreshTokenLifetime().toSeconds());
    }

    private static String newToken() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String refreshKey(String tokenHash) {
        return "auth:refresh:" + tokenHash;
    }

    private static String userKey(String userId) {
        return USER_SESSIONS_PREFIX + userId;
    }
}
