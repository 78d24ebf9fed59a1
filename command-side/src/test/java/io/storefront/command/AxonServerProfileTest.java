package io.storefront.command;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/** The command side in the axonserver profile starts while Axon Server is away, wired to it and not to PostgreSQL's event store. */
@SpringBootTest(properties = CommandSideApplication.CONFIG_NAME)
@ActiveProfiles("axonserver")
@ContextConfiguration(initializers = {AxonServerUnreachable.class, EmbeddedRedisInitializer.class,
        LocalSecretsInitializer.class})
@DirtiesContext
class AxonServerProfileTest {

    @Autowired
    ApplicationContext context;

    @Test
    void events_commands_and_queries_go_through_axon_server() {
        AxonServerUnreachable.assertAxonServerWired(context);
    }
}
