package io.storefront.policy;

import io.storefront.command.CommandSideApplication;
import io.storefront.command.EmbeddedPostgresInitializer;
import io.storefront.command.EmbeddedRedisInitializer;
import io.storefront.command.LocalSecretsInitializer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sagas app on the PostgreSQL event store, where a command is handled in the process that sends
 * it: the app runs the command side with the policies.
 */
@SpringBootTest(classes = SagasApplication.class, properties = SagasApplication.CONFIG_NAME)
@ContextConfiguration(initializers = {EmbeddedPostgresInitializer.class, EmbeddedRedisInitializer.class,
        LocalSecretsInitializer.class})
@DirtiesContext
class SagasWithPostgresStoreTest {

    @Autowired
    ApplicationContext context;

    @Test
    void runs_the_command_side_with_the_policies() {
        assertThat(context.getBean(EventStorageEngine.class)).isInstanceOf(JdbcEventStorageEngine.class);
        assertThat(context.getBeanNamesForType(CommandSideApplication.class)).hasSize(1);
        assertThat(context.getBean(EventProcessingConfiguration.class).eventProcessors())
                .containsKeys(Policies.PROCESSING_GROUPS.toArray(String[]::new));
        assertThat(context.getEnvironment().getProperty("spring.application.name")).isEqualTo("sagas");
        assertThat(context.getEnvironment().getProperty("server.port")).isEqualTo("8083");
    }
}
