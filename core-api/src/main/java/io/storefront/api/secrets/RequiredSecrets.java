package io.storefront.api.secrets;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.StringUtils;

import java.util.List;

/**
 * Stops an application before anything else starts when a secret it cannot run without is missing: the
 * keys listed in {@code storefront.secrets.required} (each app's vault profile lists its own), checked
 * once the configuration, Vault included, has been read. One message that names every missing key,
 * rather than a database refusing a blank password further on. The same check runs when the secrets
 * are read again; a refresh that fails it changes nothing.
 */
public class RequiredSecrets implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        List<String> missing = Binder.get(environment)
                .bind("storefront.secrets.required", Bindable.listOf(String.class))
                .orElse(List.of())
                .stream()
                .filter(key -> !StringUtils.hasText(environment.getProperty(key)))
                .toList();
        if (!missing.isEmpty()) {
            throw new MissingSecrets(missing, SecretsSource.of(environment));
        }
    }

    /** After the configuration data, Vault's among them, has been read. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
