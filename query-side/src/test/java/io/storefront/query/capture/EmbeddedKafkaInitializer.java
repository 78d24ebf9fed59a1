package io.storefront.query.capture;

import io.storefront.command.ServersLast;
import org.apache.kafka.common.utils.Exit;
import java.util.ArrayList;
import java.util.List;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.support.TestPropertySourceUtils;

/** A Kafka broker in this JVM (KRaft), once per test JVM, and the change capture and analytics pointed at it. */
public class EmbeddedKafkaInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static EmbeddedKafkaKraftBroker kafka;

    public static synchronized String bootstrapServers() {
        if (kafka == null) {
            // Kafka's test kit deletes its folders from hooks of its own: they run once the broker has stopped
            List<Runnable> cleanUps = new ArrayList<>();
            Exit.setShutdownHookAdder((name, cleanUp) -> cleanUps.add(cleanUp));
            try {
                kafka = new EmbeddedKafkaKraftBroker(1, 1);
                kafka.afterPropertiesSet();
            } finally {
                Exit.resetShutdownHookAdder();
            }
            ServersLast.stop(() -> {
                kafka.destroy();
                cleanUps.forEach(Runnable::run);
            });
        }
        return kafka.getBrokersAsString();
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ServersLast.uses(context);
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context,
                "storefront.capture.enabled=true", "storefront.capture.bootstrap-servers=" + bootstrapServers(),
                "storefront.analytics.enabled=true", "storefront.analytics.bootstrap-servers=" + bootstrapServers());
    }
}
