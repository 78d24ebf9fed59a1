package io.storefront.launcher;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * Keeps the {@link InJvmBroker in-JVM broker} quiet in the apps' logs: Qpid logs every connection, channel and queue
 * at INFO, through this JVM's SLF4J, whose levels each app sets again as it starts. Its code and its operational
 * messages ({@code qpid.message.*}) log warnings and errors only, and its Derby store's log ({@code DERBY}) errors
 * only, unless an app's own settings (or {@code --logging.level.org.apache.qpid=...}) say otherwise.
 */
public class QuietBroker implements EnvironmentPostProcessor {

    static final Map<String, Object> LEVELS = Map.of("logging.level.org.apache.qpid", "WARN", "logging.level.qpid", "WARN",
            // Derby's own log, which Qpid passes on as warnings but its start and stop (its start's system properties
            // included): the errors Qpid meets in its store it logs itself
            "logging.level.DERBY", "ERROR");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("quiet-in-jvm-broker", LEVELS));
    }
}
