package io.storefront.query;

import io.storefront.api.openapi.ApiDocument;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static {
        // the reader comes from the access token, never from the request's parameters
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Viewer.class);
    }

    @Bean
    OpenAPI queryApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Storefront query API")
                        .version("v1")
                        .description("""
                                The read side: every context's views. Every read needs an access token but the \
                                catalog's; a customer reads only their own orders, payments, shipments, \
                                notifications and profile (somebody else's is a 404, as an unknown id), an \
                                administrator reads everything, and stock, the user list, analytics and replays. \
                                A refusal is an RFC 9457 problem.""")
                        .license(new License().name("Apache-2.0")));
    }

    /** The reads {@link WebSecurity} lets through without a token. */
    @Bean
    ApiDocument queryApiDocument() {
        return new ApiDocument(List.of("GET /api/catalog", "GET /api/catalog/**"));
    }
}
