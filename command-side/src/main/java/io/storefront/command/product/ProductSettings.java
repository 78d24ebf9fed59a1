package io.storefront.command.product;

import io.storefront.api.shared.Money;
import io.storefront.command.BusinessRuleViolation;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.util.Currency;
import java.util.Set;
import java.util.TreeSet;

/**
 * The catalog's rules.
 *
 * @param snapshotThreshold a Product is loaded from its latest snapshot plus the events after it
 * @param currencies        the currencies the shop sells in: every price is in one of them
 */
@Validated
@ConfigurationProperties("storefront.product")
record ProductSettings(@Min(1) int snapshotThreshold, @NotEmpty Set<Currency> currencies) {

    /** A price is more than nothing, in a currency the shop sells in (its precision is checked with the command). */
    void requireSellable(Money price) {
        if (!currencies.contains(price.currency())) {
            throw new BusinessRuleViolation("The shop sells in " + codes() + ", not in " + price.currency());
        }
        if (!price.isPositive()) {
            throw new BusinessRuleViolation("A price must be more than nothing");
        }
    }

    private String codes() {
        return String.join(", ", new TreeSet<>(currencies.stream().map(Currency::getCurrencyCode).toList()));
    }
}
