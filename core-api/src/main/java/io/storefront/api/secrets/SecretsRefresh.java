package io.storefront.api.secrets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import java.util.Set;

/**
 * With the vault profile, reads Vault again every {@code storefront.secrets.refresh-interval} (5 min),
 * as {@code /actuator/refresh} would, so that a secret rotated in Vault reaches every instance without
 * an endpoint to secure or a call per instance. What the refresh scope holds (webhook secrets) takes the
 * new value; what is bound once at start (connection pools) keeps it until a restart. A refresh that
 * cannot read Vault, or finds a required secret missing, changes nothing.
 */
@Configuration(proxyBeanMethods = false)
@Profile("vault")
@EnableScheduling
public class SecretsRefresh {

    private static final Logger log = LoggerFactory.getLogger(SecretsRefresh.class);

    private final ContextRefresher refresher;

    SecretsRefresh(ContextRefresher refresher) {
        this.refresher = refresher;
    }

    @Scheduled(fixedDelayString = "${storefront.secrets.refresh-interval:5m}",
            initialDelayString = "${storefront.secrets.refresh-interval:5m}")
    void readAgain() {
        try {
            Set<String> changed = refresher.refresh();
            if (!changed.isEmpty()) {
                log.info("Secrets read again from Vault; changed keys: {}", changed);
            }
        } catch (RuntimeException e) {
            log.warn("Secrets not read again, those in use stay: {}", e.getMessage());
        }
    }
}
