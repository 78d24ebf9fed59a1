package io.storefront.api.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * An access token outlives a logout by up to its lifetime: once its signature and claims are checked, its
 * login session must still be alive in Redis, where the auth context keeps sessions and where logging out or
 * ending a session deletes it. The gateway checks the same; each service checks again, so that a service
 * reached around the gateway takes no logged-out token either. When Redis cannot answer, no session can be
 * told alive: the call is refused (503), never let through.
 */
final class LiveSessions extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(LiveSessions.class);

    private final StringRedisTemplate redis;

    LiveSessions(StringRedisTemplate redis) {
        this.redis = redis;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SecurityContextHolder.getContextHolderStrategy().getContext().getAuthentication() instanceof JwtAuthenticationToken token) {
            boolean alive;
            try {
                alive = Boolean.TRUE.equals(redis.hasKey(
                        AccessTokenFormat.sessionKey(token.getToken().getClaimAsString(AccessTokenFormat.SESSION))));
            } catch (DataAccessException e) {
                log.warn("Sessions cannot be checked, Redis does not answer: {}", e.getMessage());
                response.setHeader(HttpHeaders.RETRY_AFTER, "5");
                ResourceServer.write(response, HttpStatus.SERVICE_UNAVAILABLE, "sessions-unavailable",
                        "Sessions cannot be checked right now; try again shortly");
                return;
            }
            if (!alive) {
                SecurityContextHolder.getContextHolderStrategy().clearContext();
                response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
                ResourceServer.write(response, HttpStatus.UNAUTHORIZED, "unauthorized",
                        "The session of this token has ended; log in again");
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
