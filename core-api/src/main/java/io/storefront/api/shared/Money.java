package io.storefront.api.shared;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;
import java.util.Set;

/**
 * An amount of money in an ISO-4217 currency. Never a double: amounts are exact decimals and two
 * amounts only add up when their currencies match. Validated, it is an amount the currency can express
 * ({@link ChargeableAmount}).
 */
@ChargeableAmount
public record Money(
        @NotNull @DecimalMin("0") @Digits(integer = 15, fraction = 4) BigDecimal amount,
        @NotNull Currency currency) {

    private static final Set<String> WHOLE_UNITS = Set.of("IDR");

    public static Money of(String amount, String currencyCode) {
        return new Money(new BigDecimal(amount), Currency.getInstance(currencyCode));
    }

    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.add(other.amount), currency);
    }

    public Money times(int factor) {
        return new Money(amount.multiply(BigDecimal.valueOf(factor)), currency);
    }

    /**
     * The amount in the currency's smallest unit (cents, sen), as payment providers take it; an amount
     * finer than that unit cannot be charged.
     */
    public long minorUnits() {
        return amount.movePointRight(currency.getDefaultFractionDigits()).longValueExact();
    }

    /**
     * Whether the amount is one the shop charges: in a currency of money, with no more decimals than
     * {@link #decimals()}.
     */
    @JsonIgnore
    public boolean isChargeable() {
        return currency.getDefaultFractionDigits() >= 0 && amount.stripTrailingZeros().scale() <= decimals();
    }

    /**
     * The decimals the shop charges in this currency: ISO 4217's, except that rupiah are whole, as
     * Indonesia's payment providers charge them (ISO still lists two decimals for IDR).
     */
    public int decimals() {
        return WHOLE_UNITS.contains(currency.getCurrencyCode()) ? 0 : currency.getDefaultFractionDigits();
    }

    @JsonIgnore
    public boolean isPositive() {
        return amount.signum() > 0;
    }

    public boolean sameCurrencyAs(Money other) {
        return currency.equals(other.currency);
    }

    /** Equal amounts compare equal whatever their scale: 10.0 EUR is 10.00 EUR. */
    public boolean isSameAs(Money other) {
        return sameCurrencyAs(other) && amount.compareTo(other.amount) == 0;
    }

    private void requireSameCurrency(Money other) {
        if (!sameCurrencyAs(Objects.requireNonNull(other))) {
            throw new IllegalArgumentException(
                    "cannot combine " + currency + " with " + other.currency);
        }
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency.getCurrencyCode();
    }
}
