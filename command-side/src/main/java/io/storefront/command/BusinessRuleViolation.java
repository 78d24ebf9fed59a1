package io.storefront.command;

/** A command that is well formed but that the domain refuses, with the reason why. Answered with 422. */
public class BusinessRuleViolation extends RuntimeException {

    public BusinessRuleViolation(String reason) {
        super(reason, null, false, false);
    }
}
