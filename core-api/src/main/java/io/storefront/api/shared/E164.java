package io.storefront.api.shared;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Pattern;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A phone number in E.164 form: a plus sign, then up to 15 digits, the first not zero. */
@Documented
@Pattern(regexp = "\\+[1-9][0-9]{6,14}")
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface E164 {

    String message() default "must be a phone number in E.164 form, such as +6281234567890";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
