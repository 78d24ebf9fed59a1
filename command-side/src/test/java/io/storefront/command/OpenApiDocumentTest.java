package io.storefront.command;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

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
        var schemes = (Map<String, Map<String, Object>>) ((Map<String, Object>) document.get("components")).get("securitySchemes");
        assertThat(schemes.get("bearer")).containsEntry("scheme", "bearer").containsEntry("bearerFormat", "JWT");
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
