package io.storefront.query;

/** Query parameters that are each well formed but make no sense together. Answered with 400. */
public class BadQuery extends RuntimeException {

    private final String parameter;

    public BadQuery(String parameter, String problem) {
        super(problem, null, false, false);
        this.parameter = parameter;
    }

    String parameter() {
        return parameter;
    }
}
