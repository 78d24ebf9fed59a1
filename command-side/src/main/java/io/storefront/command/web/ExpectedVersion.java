package io.storefront.command.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Optimistic concurrency over HTTP: an {@code If-Match} header names the aggregate version the
 * client read ({@code 3} or {@code "3"}); a command against a newer version is answered 409.
 */
public final class ExpectedVersion {

    public static final String HEADER = "If-Match";
    private static final Pattern VERSION = Pattern.compile("(?:W/)?\"?(\\d{1,18})\"?");

    private ExpectedVersion() {
    }

    /** The version the client expects, or null when it sent no {@code If-Match}: then nothing is checked. */
    public static Long fromIfMatch(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        Matcher matcher = VERSION.matcher(ifMatch.strip());
        if (!matcher.matches()) {
            throw new Malformed();
        }
        return Long.valueOf(matcher.group(1));
    }

    static final class Malformed extends RuntimeException {

        Malformed() {
            super("must be the version number the change is based on, such as \"3\"", null, false, false);
        }
    }
}
