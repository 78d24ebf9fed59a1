package io.storefront.command.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI commandApi() {
        return new OpenAPI().info(new Info()
                .title("Storefront command API")
                .version("v1")
                .description("""
                        The write side of every context. A command that creates something answers 201 with \
                        its Location; a refusal is an RFC 9457 problem: 400 malformed input (with the bad \
                        fields), 404 unknown id, 409 conflict or concurrent change, 422 business rule, 429 \
                        too soon.""")
                .license(new License().name("Apache-2.0")));
    }
}
