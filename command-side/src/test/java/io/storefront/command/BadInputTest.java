package io.storefront.command;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever garbage reaches a command endpoint, the answer is a 4xx problem, never a 500. */
@CommandSideTest
class BadInputTest {

    private static final List<String> BODIES = List.of(
            "", "{", "[]", "\"text\"", "{}", "null", "{\"quantity\": \"many\"}", "{\"quantity\": 1e400}",
            "{\"price\": {\"amount\": \"abc\", \"currency\": \"EUR\"}}", "{\"lines\": [null]}",
            "{\"name\": " + "\"x\"".repeat(2) + "}", "{\"unknown\": true}",
            // text PostgreSQL cannot even store, in a body of the right shape (a login) and elsewhere
            "{\"email\": \"siti\\u0000@example.com\", \"password\": \"correct horse\"}");

    @Autowired
    RestTestClient http;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlerMapping;

    @Test
    void every_command_endpoint_answers_garbage_with_a_4xx_problem() {
        List<String> failures = new ArrayList<>();
        int tried = 0;
        for (var endpoint : handlerMapping.getHandlerMethods().entrySet()) {
            var mapping = endpoint.getKey();
            if (!takesInput(endpoint.getValue())) {
                continue;
            }
            for (String pattern : mapping.getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                String uri = pattern.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
                for (var method : mapping.getMethodsCondition().getMethods()) {
                    for (String body : BODIES) {
                        tried++;
                        var result = http.method(HttpMethod.valueOf(method.name())).uri(uri)
                                .contentType(MediaType.APPLICATION_JSON)
                                .body(body)
                                .exchange()
                                .returnResult(String.class);
                        int status = result.getStatus().value();
                        MediaType type = result.getResponseHeaders().getContentType();
                        boolean problem = type != null && type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
                        boolean fine = status >= 400 && status < 500 && problem;
                        if (!fine) {
                            failures.add(method + " " + pattern + " with " + body + " -> " + status + " " + type);
                        }
                    }
                }
            }
        }
        assertThat(tried).isGreaterThan(100);
        assertThat(failures).isEmpty();
    }

    /** An endpoint without a body or a path variable has nothing to be malformed, such as a list of one's sessions. */
    private static boolean takesInput(HandlerMethod handler) {
        return Arrays.stream(handler.getMethodParameters())
                .anyMatch(parameter -> parameter.hasParameterAnnotation(RequestBody.class)
                        || parameter.hasParameterAnnotation(PathVariable.class));
    }
}
