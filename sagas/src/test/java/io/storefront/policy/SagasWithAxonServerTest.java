package io.storefront.policy;

import io.storefront.command.AxonServerUnreachable;
import io.storefront.command.CommandSideApplication;
import io.storefront.command.EmbeddedRedisInitializer;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sagas app with Axon Server: the policies alone, their events from Axon Server and their
 * commands sent through it, for the command side's instances to handle.
 */
@SpringBootTest(classes = SagasApplication.class, properties = SagasApplication.CONFIG_NAME)
@ActiveProfiles("axonserver")
@ContextConfiguration(initializers = {AxonServerUnreachable.class, EmbeddedRedisInitializer.class})
@DirtiesContext
class SagasWithAxonServerTest {

    @Autowired
    ApplicationContext context;

    @Test
    void runs_the_policies_alone_on_axon_server() {
        AxonServerUnreachable.assertAxonServerWired(context);
        assertThat(context.getBean(EventProcessingConfiguration.class).eventProcessors())
                .containsKeys(Policies.PROCESSING_GROUPS.toArray(String[]::new));
        assertThat(context.getBeanNamesForType(CommandSideApplication.class)).isEmpty();
        assertThat(context.getEnvironment().getProperty("spring.application.name")).isEqualTo("sagas");
    }
}
