package io.storefront.query.catalog;

import io.storefront.query.QuerySideTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.web.servlet.client.RestTestClient;

/** The health an operator reads on the management port: UP, the catalog's document store included, when all is well. */
@QuerySideTest
class CatalogStoreHealthTest {

    @LocalManagementPort
    int managementPort;

    @Test
    void the_query_side_is_up_with_its_document_store_answering() {
        RestTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build()
                .get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.mongo.status").isEqualTo("UP")
                .jsonPath("$.components.db.status").isEqualTo("UP");
    }
}
