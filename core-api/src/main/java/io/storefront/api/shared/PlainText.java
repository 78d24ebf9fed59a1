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
 * Text a person typed, in any script and with emoji, but without control characters (Unicode's Cc:
 * U+0000 to U+001F and U+007F to U+009F) or halves of a surrogate pair. Such characters are never
 * meant in a name or an address, and some (U+0000) cannot even be stored in PostgreSQL. A multi-line
 * text may hold line breaks and tabs.
 */
@Documented
@Constraint(validatedBy = PlainText.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD,
        ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface PlainText {

    /** Whether line breaks ({@code \n}, {@code \r}) and tabs are allowed. */
    boolean multiline() default false;

    String message() default "must not contain control characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<PlainText, CharSequence> {

        private boolean multiline;

        @Override
        public void initialize(PlainText constraint) {
            multiline = constraint.multiline();
        }

        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            return value == null || value.codePoints().allMatch(this::allowed);
        }

        private boolean allowed(int codePoint) {
            return switch (Character.getType(codePoint)) {
                case Character.CONTROL -> multiline && (codePoint == '\n' || codePoint == '\r' || codePoint == '\t');
                case Character.SURROGATE -> false;
                default -> true;
            };
        }
    }
}
