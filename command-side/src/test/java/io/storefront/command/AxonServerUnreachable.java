package io.storefront.command;

import org.axonframework.axonserver.connector.command.AxonServerCommandBus;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.axonserver.connector.query.AxonServerQueryBus;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.test.context.support.TestPropertySourceUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For a context in the {@code axonserver} profile: no Axon Server runs in tests, so it is sent to a
 * port where nothing listens, and it gets a database of its own in the embedded PostgreSQL, where its
 * processors, which cannot read any event, claim no token of the other tests' contexts.
 */
public class AxonServerUnreachable implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String database = "axonserver_" + UUID.randomUUID().toString().replace("-", "");
        try (var admin = new SingleConnectionDataSource(
                EmbeddedPostgresInitializer.postgres().getJdbcUrl("postgres", "postgres"), "postgres", "", true)) {
            JdbcClient.create(admin).sql("CREATE DATABASE " + database).update();
        }
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context,
                "spring.datasource.url=" + EmbeddedPostgresInitializer.postgres().getJdbcUrl("postgres", database),
                "spring.datasource.username=postgres",
                "spring.datasource.password=",
                "axon.axonserver.servers=localhost:" + closedPort());
    }

    /** Events, commands and queries go through Axon Server; tokens stay in PostgreSQL; no JPA or JDBC event store. */
    public static void assertAxonServerWired(ApplicationContext context) {
        Configuration axon = context.getBean(Configuration.class);
        assertThat(axon.eventStore()).isInstanceOf(AxonServerEventStore.class);
        assertThat(axon.commandBus()).isInstanceOf(AxonServerCommandBus.class);
        assertThat(axon.queryBus()).isInstanceOf(AxonServerQueryBus.class);
        assertThat(context.getBeansOfType(EventStorageEngine.class).values())
                .noneMatch(engine -> engine instanceof JdbcEventStorageEngine || engine instanceof JpaEventStorageEngine);
        assertThat(context.getBean(TokenStore.class)).isInstanceOf(JdbcTokenStore.class);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
