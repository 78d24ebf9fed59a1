package io.storefront.api.secrets;

import org.springframework.core.env.Environment;

/**
 * Where an application's secrets come from, said in words for an operator: Vault's address and the two
 * paths read there (the vault profile), or the local configuration.
 */
record SecretsSource(boolean vault, String address, String sharedPath, String ownPath) {

    static SecretsSource of(Environment environment) {
        String backend = environment.getProperty("spring.cloud.vault.kv.backend", "secret");
        String application = environment.getProperty("spring.cloud.vault.kv.application-name",
                environment.getProperty("spring.application.name", "application"));
        return new SecretsSource(environment.getProperty("spring.cloud.vault.enabled", Boolean.class, true)
                && environment.matchesProfiles("vault"),
                environment.getProperty("spring.cloud.vault.uri", "https://localhost:8200"),
                backend + "/" + environment.getProperty("spring.cloud.vault.kv.default-context", "application"),
                backend + "/" + application);
    }

    @Override
    public String toString() {
        return vault ? "Vault at " + address + " (" + sharedPath + ", " + ownPath + ")" : "the local configuration";
    }
}
