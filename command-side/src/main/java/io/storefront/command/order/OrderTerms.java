package io.storefront.command.order;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * What the shop allows an order and a customer.
 *
 * @param paymentTimeout how long an order waits for its payment once its stock is reserved, before it is cancelled
 * @param unpaid         how much one customer may hold in orders not paid yet: their stock is reserved for
 *                       nobody else meanwhile, so one account must not be able to empty a shelf
 */
@Validated
@ConfigurationProperties("storefront.order")
record OrderTerms(@NotNull Duration paymentTimeout, @NotNull Unpaid unpaid) {

    /** At most this many open unpaid orders, of at most this many units in all, per customer. */
    record Unpaid(@Min(1) int orders, @Min(1) int units) {
    }
}
