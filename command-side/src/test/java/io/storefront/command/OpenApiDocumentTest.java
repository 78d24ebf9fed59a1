package io.storefront.command;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The served OpenAPI document lists exactly the endpoints the command side answers. */
@CommandSideTest
class OpenApiDocumentTest {

    @Autowired
    RestTestClient http;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlerMapping;

    @Test
    @SuppressWarnings("unchecked")
    void every_api_endpoint_is_documented_and_every_documented_operation_exists() {
        Map<String, Object> document = document();

        Set<String> documented = new TreeSet<>();
        ((Map<String, Map<String, Object>>) document.get("paths")).forEach((path, operations) ->
                operations.keySet().forEach(method -> documented.add(method.toUpperCase() + " " + path)));

        Set<String> served = new TreeSet<>();
        handlerMapping.getHandlerMethods().keySet().forEach(mapping ->
                mapping.getPatternValues().stream()
                        .filter(path -> path.startsWith("/api/") || path.startsWith("/.well-known/"))
                        .forEach(path -> mapping.getMethodsCondition().getMethods()
                                .forEach(method -> served.add(method.name() + " " + path))));

        assertThat(served).isNotEmpty();
        assertThat(documented).isEqualTo(served);
    }

    @Test
    @SuppressWarnings("unchecked")
    void every_operation_but_the_public_ones_needs_a_token_and_every_refusal_is_a_problem() {
        Map<String, Object> document = http.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        var components = (Map<String, Map<String, Object>>) document.get("components");
        assertThat(components.get("securitySchemes").get("bearer"))
                .asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("scheme", "bearer").containsEntry("bearerFormat", "JWT");
        assertThat(components.get("schemas")).containsKey("ProblemDetail");

        Set<String> open = new TreeSet<>();
        ((Map<String, Map<String, Map<String, Object>>>) document.get("paths")).forEach((path, operations) ->
                operations.forEach((method, operation) -> {
                    String name = method.toUpperCase() + " " + path;
                    if (((List<?>) operation.get("security")).isEmpty()) {
                        open.add(name);
                    }
                    var responses = (Map<String, Map<String, Object>>) operation.get("responses");
                    assertThat(responses).as(name).containsKeys("400", "401", "429");
                    assertThat(responses.get("400").get("content")).as(name)
                            .asInstanceOf(InstanceOfAssertFactories.MAP).containsKey("application/problem+json");
                    if (path.contains("{")) {
                        assertThat(responses).as(name).containsKey("404");
                    }
                }));
        assertThat(open).containsExactlyInAnyOrder("POST /api/auth/register", "POST /api/auth/login",
                "POST /api/auth/refresh", "GET /.well-known/jwks.json", "POST /api/shipments/webhooks/carrier",
                "POST /api/payments/sandbox/3ds/{code}");
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_creation_answers_201_and_an_empty_field_is_declared_nullable() {
        Map<String, Object> document = http.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        var paths = (Map<String, Map<String, Map<String, Map<String, Object>>>>) document.get("paths");
        assertThat(paths.get("/api/orders").get("post").get("responses")).containsKey("201").doesNotContainKey("200");

        var schemas = (Map<String, Map<String, Map<String, Map<String, Object>>>>) ((Map<String, Object>) document.get("components")).get("schemas");
        assertThat(schemas.get("AuditTrail").get("properties").get("nextSequence").get("type"))
                .asInstanceOf(InstanceOfAssertFactories.LIST).contains("integer", "null");
    }

    @Test
    @SuppressWarnings("unchecked")
    void amounts_of_money_are_documented_as_exact_decimal_strings() {
        Map<String, Object> document = document();

        var schemas = (Map<String, Map<String, Object>>) ((Map<String, Object>) document.get("components")).get("schemas");
        var amount = ((Map<String, Map<String, Object>>) schemas.get("Money").get("properties")).get("amount");
        assertThat(amount).containsEntry("type", "string").containsEntry("format", "decimal");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> document() {
        return http.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
    }
}
