package io.storefront.query.capture;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.support.TestPropertySourceUtils;

/** A Kafka broker in this JVM (KRaft), once per test JVM, and the change capture and analytics pointed at it. */
public class EmbeddedKafkaInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static EmbeddedKafkaKraftBroker kafka;

    public static synchronized String bootstrapServers() {
        if (kafka == null) {
            kafka = new EmbeddedKafkaKraftBroker(1, 1);
            kafka.afterPropertiesSet();
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::destroy));
        }
        return kafka.getBrokersAsString();
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context,
                "storefront.capture.enabled=true", "storefront.capture.bootstrap-servers=" + bootstrapServers(),
                "storefront.analytics.enabled=true", "storefront.analytics.bootstrap-servers=" + bootstrapServers());
    }
}
