package io.storefront.command;

import org.axonframework.common.AxonNonTransientException;

/** Somebody else's resource. Answered exactly like one that does not exist: 404. */
public class NotYours extends AxonNonTransientException {

    private final String id;

    public NotYours(String id) {
        super("Nothing exists with id " + id);
        this.id = id;
    }

    public String id() {
        return id;
    }
}
