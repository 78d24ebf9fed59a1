package io.storefront.command;

/** A command that clashes with what exists already, such as a taken email or SKU. Answered with 409. */
public class Conflict extends RuntimeException {

    public Conflict(String reason) {
        super(reason, null, false, false);
    }
}
