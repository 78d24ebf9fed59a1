package io.storefront.api.auth;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A service as an OAuth2 resource server: stateless, every request judged by its Bearer access token
 * and the token's login session still being alive ({@link LiveSessions}), and refusals answered as RFC 9457
 * problems: 401 without a valid token of a live session, 403 for a role that may not. The gateway checks the
 * same first; each service checks again.
 */
public final class ResourceServer {

    private ResourceServer() {
    }

    /** {@code liveSessions}: the Redis where the auth context keeps login sessions, whose end ends their tokens. */
    public static HttpSecurity configure(HttpSecurity http, JwtDecoder decoder, StringRedisTemplate liveSessions) {
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            bearer.commence(request, response, e); // sets the WWW-Authenticate challenge
            write(response, HttpStatus.UNAUTHORIZED, "unauthorized",
                    "Log in and send a valid access token as a Bearer token");
        };
        AccessDeniedHandler forbidden = (request, response, e) ->
                write(response, HttpStatus.FORBIDDEN, "forbidden", "Your role may not do this");
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(AccessTokenFormat.authentication()))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .addFilterAfter(new LiveSessions(liveSessions), BearerTokenAuthenticationFilter.class);
    }

    /** An RFC 9457 problem written straight to a servlet response, from a filter; {@code detail} must need no escaping. */
    public static void write(HttpServletResponse response, HttpStatus status, String type, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write("""
                {"type":"urn:storefront:problem:%s","title":"%s","status":%d,"detail":"%s"}"""
                .formatted(type, status.getReasonPhrase(), status.value(), detail).getBytes(StandardCharsets.UTF_8));
    }
}
