package io.storefront.gateway;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;

/** RFC 9457 problems, written by the gateway itself: the same shape and type names as the services'. */
final class Problems {

    private Problems() {
    }

    static Mono<Void> write(ServerHttpResponse response, HttpStatus status, String type, String detail) {
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
        byte[] body = """
                {"type":"urn:storefront:problem:%s","title":"%s","status":%d,"detail":"%s"}"""
                .formatted(type, status.getReasonPhrase(), status.value(), detail.replace("\\", "\\\\").replace("\"", "\\\""))
                .getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
