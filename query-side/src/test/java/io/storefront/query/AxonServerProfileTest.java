package io.storefront.query;

import io.storefront.command.AxonServerUnreachable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The query side in the axonserver profile starts while Axon Server is away, reading its events from there. */
@SpringBootTest(classes = QuerySideApplication.class, properties = QuerySideApplication.CONFIG_NAME)
@ActiveProfiles("axonserver")
@ContextConfiguration(initializers = AxonServerUnreachable.class)
@DirtiesContext
class AxonServerProfileTest {

    @Autowired
    ApplicationContext context;

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry properties) {
        properties.add("spring.mongodb.uri", CommandSideRunning::mongoUri);
    }

    @Test
    void events_and_queries_go_through_axon_server() {
        AxonServerUnreachable.assertAxonServerWired(context);
    }
}
