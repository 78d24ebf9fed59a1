package io.storefront.gateway;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.support.NotFoundException;
import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

/**
 * Every failure at the gateway as a problem: 404 for no route, 502/503 when no instance of a service
 * answers or its circuit is open, 504 when it answers too late. Nothing internal reaches the caller.
 */
@Component
@Order(-2)
class GatewayErrors implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayErrors.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        String path = exchange.getRequest().getPath().value();
        return switch (error) {
            case TooManyRequests limited -> {
                exchange.getResponse().getHeaders().set("Retry-After", Long.toString(TooManyRequests.RETRY_AFTER_SECONDS));
                yield Problems.write(exchange.getResponse(), HttpStatus.TOO_MANY_REQUESTS, "too-many-requests",
                        "Too many requests; slow down and retry after the time in Retry-After");
            }
            // as many requests in flight to the service as it is given at once
            case BulkheadFullException busy -> {
                exchange.getResponse().getHeaders().set("Retry-After", "1");
                yield Problems.write(exchange.getResponse(), HttpStatus.SERVICE_UNAVAILABLE, "unavailable",
                        "The service behind " + path + " is busy; retry shortly");
            }
            // no live instance, every instance refused the connection, or the breaker is open
            case CallNotPermittedException open -> unavailable(exchange, path);
            case ServiceUnavailableException noInstance -> unavailable(exchange, path);
            case NotFoundException noInstance -> unavailable(exchange, path);
            case ConnectException refused -> unavailable(exchange, path);
            // the gateway keeps nothing but sessions and rates, in Redis: any store failure here is Redis away
            case DataAccessException redis -> {
                log.error("Redis is unreachable, so the gateway cannot check sessions or rates: {}", redis.getMessage());
                exchange.getResponse().getHeaders().set("Retry-After", "5");
                yield Problems.write(exchange.getResponse(), HttpStatus.SERVICE_UNAVAILABLE, "unavailable",
                        "The platform cannot check logins for a moment; retry shortly");
            }
            case TimeoutException late -> timeout(exchange, path);
            case ResponseStatusException status when status.getStatusCode().value() == 504 -> timeout(exchange, path);
            case ResponseStatusException status when status.getStatusCode().value() == 503 -> unavailable(exchange, path);
            case ResponseStatusException status -> Problems.write(exchange.getResponse(),
                    HttpStatus.valueOf(status.getStatusCode().value()), type(status.getStatusCode().value()),
                    status.getReason() == null ? HttpStatus.valueOf(status.getStatusCode().value()).getReasonPhrase() : status.getReason());
            default -> {
                log.error("Failed to serve {} {}", exchange.getRequest().getMethod(), path, error);
                yield Problems.write(exchange.getResponse(), HttpStatus.BAD_GATEWAY, "bad-gateway",
                        "The platform could not serve this request");
            }
        };
    }

    private static Mono<Void> unavailable(ServerWebExchange exchange, String path) {
        exchange.getResponse().getHeaders().set("Retry-After", "5");
        return Problems.write(exchange.getResponse(), HttpStatus.SERVICE_UNAVAILABLE, "unavailable",
                "The service behind " + path + " is unavailable; retry shortly");
    }

    private static Mono<Void> timeout(ServerWebExchange exchange, String path) {
        return Problems.write(exchange.getResponse(), HttpStatus.GATEWAY_TIMEOUT, "timeout",
                "The service behind " + path + " did not answer in time");
    }

    private static String type(int status) {
        return switch (status) {
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 413 -> "too-large";
            default -> status < 500 ? "bad-request" : "bad-gateway";
        };
    }
}
