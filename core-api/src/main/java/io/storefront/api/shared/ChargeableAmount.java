package io.storefront.api.shared;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An amount a payment provider can charge: in a currency of money (not {@code XXX} or gold), and no
 * finer than its minor unit (whole rupiah, cents of a dollar). Anything finer would fail, or be rounded,
 * at the provider.
 */
@Documented
@Constraint(validatedBy = ChargeableAmount.Validator.class)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface ChargeableAmount {

    String message() default "must be in a currency with minor units, with no more decimals than the currency has";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ChargeableAmount, Money> {

        @Override
        public boolean isValid(Money money, ConstraintValidatorContext context) {
            return money == null || money.amount() == null || money.currency() == null || money.isChargeable();
        }
    }
}
