package io.storefront.command.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final String BEARER = "bearer";

    @Bean
    OpenAPI commandApi() {
        return new OpenAPI()
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("The access token of POST /api/auth/login")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER))
                .info(new Info()
                .title("Storefront command API")
                .version("v1")
                .description("""
                        The write side of every context. A command that creates something answers 201 with \
                        its Location; a refusal is an RFC 9457 problem: 400 malformed input (with the bad \
                        fields), 401 without a valid access token, 403 for a role that may not, 404 unknown \
                        id (or somebody else's), 409 conflict or concurrent change, 422 business rule, 429 \
                        too soon. Registering, logging in, refreshing and the JWKS need no token.""")
                .license(new License().name("Apache-2.0")));
    }
}
