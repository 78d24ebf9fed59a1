package io.storefront.command;

import org.axonframework.common.AxonNonTransientException;

/** A command that clashes with what exists already, such as a taken email or SKU. Answered with 409. */
public class Conflict extends AxonNonTransientException {

    public Conflict(String reason) {
        super(reason);
    }
}
