package io.storefront.command.payment;

import io.storefront.api.auth.ResourceServer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * {@code Idempotency-Key} on the payment API's POSTs: a client that is not sure its request arrived
 * sends it again with the same key and gets the first answer again, not a second payment, capture or
 * refund. The key is the caller's own (scoped to the acting user); the request is remembered by a
 * SHA-256 fingerprint of method, path and body, so the same key with another request is a 422, and one
 * still being handled is a 409. Answers are kept in Redis for {@code storefront.payment.idempotency-ttl};
 * a server error is not kept, so that the retry runs. Without Redis such a request is a 503: doing it
 * unguarded is what the caller asked us not to risk.
 */
@Component
class IdempotentRequests extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final int MAX_KEY_LENGTH = 255;
    private static final String IN_FLIGHT = "in-flight";
    /** How long a claim outlives a request that never finished (its server went down): then the key is free again. */
    private static final Duration CLAIM_LIFETIME = Duration.ofMinutes(2);
    /** Claims the key for this request unless somebody has it; answers 1 when claimed. */
    private static final RedisScript<Long> CLAIM = RedisScript.of("""
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            redis.call('HSET', KEYS[1], 'fingerprint', ARGV[1], 'state', 'in-flight')
            redis.call('EXPIRE', KEYS[1], ARGV[2])
            return 1""", Long.class);

    private final StringRedisTemplate redis;
    private final Duration ttl;

    IdempotentRequests(StringRedisTemplate redis, @Value("${storefront.payment.idempotency-ttl}") Duration ttl) {
        this.redis = redis;
        this.ttl = ttl;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null
                || !(path.equals("/api/payments") || path.startsWith("/api/payments/"))
                || path.startsWith("/api/payments/webhooks/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            ResourceServer.write(response, HttpStatus.BAD_REQUEST, "invalid-idempotency-key",
                    "An Idempotency-Key has 1 to 255 characters");
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        String redisKey = "idempotency:" + SecurityContextHolder.getContext().getAuthentication().getName() + ":" + key;
        String fingerprint = fingerprint(request, body);
        try {
            if (redis.execute(CLAIM, List.of(redisKey), fingerprint, Long.toString(CLAIM_LIFETIME.toSeconds())) == 1) {
                handle(new ReadAgain(request, body), response, chain, redisKey);
            } else {
                answerAgain(redis.<String, String>opsForHash().entries(redisKey), fingerprint, response);
            }
        } catch (RedisConnectionFailureException e) {
            logger.warn("Idempotency-Key not honoured, Redis is unreachable: " + e.getMessage());
            ResourceServer.write(response, HttpStatus.SERVICE_UNAVAILABLE, "idempotency-unavailable",
                    "Requests with an Idempotency-Key cannot be taken right now; try again shortly");
        }
    }

    private void handle(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String redisKey)
            throws ServletException, IOException {
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, answer);
        } finally {
            if (answer.getStatus() >= 500) {
                redis.delete(redisKey);
            } else {
                redis.opsForHash().putAll(redisKey, Map.of("state", "done",
                        "status", Integer.toString(answer.getStatus()),
                        "contentType", String.valueOf(answer.getContentType()),
                        "location", String.valueOf(answer.getHeader(HttpHeaders.LOCATION)),
                        "body", new String(answer.getContentAsByteArray(), StandardCharsets.UTF_8)));
                redis.expire(redisKey, ttl);
            }
            answer.copyBodyToResponse();
        }
    }

    private static void answerAgain(Map<String, String> first, String fingerprint, HttpServletResponse response)
            throws IOException {
        if (!fingerprint.equals(first.get("fingerprint"))) {
            ResourceServer.write(response, HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                    "This Idempotency-Key was used for another request");
        } else if (IN_FLIGHT.equals(first.get("state"))) {
            ResourceServer.write(response, HttpStatus.CONFLICT, "idempotent-request-in-progress",
                    "The first request with this Idempotency-Key is still being handled; try again shortly");
        } else {
            response.setStatus(Integer.parseInt(first.get("status")));
            response.setHeader(REPLAYED, "true");
            if (!"null".equals(first.get("location"))) {
                response.setHeader(HttpHeaders.LOCATION, first.get("location"));
            }
            if (!"null".equals(first.get("contentType"))) {
                response.setContentType(first.get("contentType"));
            }
            response.getOutputStream().write(first.get("body").getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String fingerprint(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update((request.getMethod() + " " + request.getRequestURI() + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request with its body, which the fingerprint has read already, to be read once more. */
    private static final class ReadAgain extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadAgain(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("read synchronously");
                }

                @Override
                public int read() {
                    return bytes.read();
                }
            };
        }
    }
}
