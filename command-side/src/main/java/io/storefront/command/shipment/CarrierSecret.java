package io.storefront.command.shipment;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.context.config.annotation.RefreshScope;
import org.springframework.stereotype.Component;

/**
 * The secret the shop shares with its carrier ({@code storefront.carrier.webhook-secret}). Made again when
 * the secrets are read again (refresh scope), so that one rotated in Vault signs and checks the next scan.
 */
@Component
@RefreshScope
class CarrierSecret {

    private final String value;

    CarrierSecret(@Value("${storefront.carrier.webhook-secret}") String value) {
        this.value = value;
    }

    String value() {
        return value;
    }
}
