package io.storefront.command;

import io.storefront.command.notification.LocalBroker;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.support.TestPropertySourceUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * Points the application at a real RabbitMQ, started once per test JVM from the machine's Debian
 * package (installed by {@code .ci/run}), and turns notifications on.
 */
public class EmbeddedRabbitInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static LocalBroker broker;

    /** This test JVM's broker, started on first use. */
    public static synchronized LocalBroker broker() {
        if (broker == null) {
            try {
                broker = LocalBroker.start(Files.createTempDirectory("rabbitmq"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ServersLast.stop(broker::kill);
        }
        return broker;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ServersLast.uses(context);
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context,
                "storefront.notifications.enabled=true",
                "spring.rabbitmq.host=127.0.0.1",
                "spring.rabbitmq.port=" + broker().port(),
                // pauses short enough for a test to see a message parked
                "storefront.notifications.retry-delays=200ms,400ms,800ms");
    }
}
