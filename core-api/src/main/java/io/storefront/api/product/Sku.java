package io.storefront.api.product;

/** The form of a stock-keeping unit: upper-case letters, digits and dashes, as on a label. */
public final class Sku {

    public static final String PATTERN = "[A-Z0-9][A-Z0-9-]{1,63}";
    public static final String MESSAGE = "must be 2 to 64 upper-case letters, digits or dashes";

    private Sku() {
    }
}
