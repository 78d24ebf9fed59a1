package io.storefront.command.web;

import io.storefront.api.auth.AccessTokenFormat;
import io.storefront.api.openapi.ApiDocument;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.http.ResponseEntity;

import java.util.List;
import java.util.Set;

@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI commandApi() {
        return new OpenAPI()
                .info(new Info()
                .title("Storefront command API")
                .version("v1")
                .description("""
                        The write side of every context. A command that creates something answers 201 with \
                        its Location; a refusal is an RFC 9457 problem: 400 malformed input (with the bad \
                        fields), 401 without a valid access token, 403 for a role that may not, 404 unknown \
                        id (or somebody else's), 409 conflict or concurrent change, 422 business rule, 429 \
                        too soon. Registering, logging in, refreshing, the JWKS and the webhooks need no token.""")
                .license(new License().name("Apache-2.0")));
    }

    /** The operations {@link WebSecurity} lets through without a token. */
    @Bean
    ApiDocument commandApiDocument() {
        return new ApiDocument(List.of(
                "POST /api/auth/register", "POST /api/auth/login", "POST /api/auth/refresh",
                "GET " + AccessTokenFormat.JWKS_PATH,
                "POST /api/payments/webhooks/*", "POST /api/shipments/webhooks/*", "POST /api/payments/sandbox/3ds/*"));
    }

    /** A command answering {@link Created} answers 201 with the new thing's Location, where springdoc would say 200. */
    @Bean
    OperationCustomizer createdAnswers() {
        return (operation, handler) -> {
            ResolvableType answer = ResolvableType.forMethodReturnType(handler.getMethod());
            if (answer.toClass() == ResponseEntity.class && answer.getGeneric(0).toClass() == Created.class) {
                ApiResponse ok = operation.getResponses().remove("200");
                operation.getResponses().addApiResponse("201", ok.description("Created")
                        .addHeaderObject("Location", new Header().description("The address of what was created")
                                .schema(new Schema<>().types(Set.of("string")).format("uri"))));
            }
            return operation;
        };
    }
}
