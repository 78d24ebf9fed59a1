package io.storefront.query;

/** Nothing in the view has that id. Answered with 404. */
public class NotFound extends RuntimeException {

    public NotFound(String what, String id) {
        super("No " + what + " has id " + id, null, false, false);
    }
}
