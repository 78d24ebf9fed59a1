package io.storefront.command;

import org.axonframework.common.AxonNonTransientException;

/**
 * A command that is well formed but that the domain refuses, with the reason why. Answered with 422.
 * Non-transient: sending it again changes nothing, so a policy that meets it moves on.
 */
public class BusinessRuleViolation extends AxonNonTransientException {

    public BusinessRuleViolation(String reason) {
        super(reason);
    }
}
