package io.storefront.gateway;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

import java.util.List;

/**
 * In the embedded default the gateway shares its JVM's classpath with the services: this keeps their
 * auto-configurations (Axon, databases, MongoDB, servlet MVC, Tomcat: the gateway serves on Netty, its
 * management port too) out of the gateway's context, and only out of that one.
 */
public class GatewayOnly implements AutoConfigurationImportFilter, EnvironmentAware {

    private static final List<String> SERVICE_PACKAGES = List.of("org.axonframework.", "org.springframework.boot.jdbc.",
            "org.springframework.boot.flyway.", "org.springframework.boot.mongodb.", "org.springframework.boot.data.mongodb.",
            "org.springframework.boot.data.jdbc.", "org.springframework.boot.webmvc.", "org.springframework.boot.tomcat.",
            "org.springdoc.",
            "com.github.kagkarlsson.");

    private boolean gateway;

    @Override
    public void setEnvironment(Environment environment) {
        gateway = "gateway".equals(environment.getProperty("spring.application.name"));
    }

    @Override
    public boolean[] match(String[] candidates, AutoConfigurationMetadata metadata) {
        boolean[] keep = new boolean[candidates.length];
        for (int index = 0; index < candidates.length; index++) {
            String candidate = candidates[index];
            keep[index] = !gateway || candidate == null || SERVICE_PACKAGES.stream().noneMatch(candidate::startsWith);
        }
        return keep;
    }
}
