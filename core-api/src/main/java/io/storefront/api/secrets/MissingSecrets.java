package io.storefront.api.secrets;

import java.util.List;

/** Secrets an application cannot start without are missing or blank; names the keys, never a value. */
public class MissingSecrets extends IllegalStateException {

    private final List<String> keys;
    private final transient SecretsSource source;

    MissingSecrets(List<String> keys, SecretsSource source) {
        super("Missing secrets " + keys + " in " + source);
        this.keys = List.copyOf(keys);
        this.source = source;
    }

    public List<String> keys() {
        return keys;
    }

    SecretsSource source() {
        return source;
    }
}
