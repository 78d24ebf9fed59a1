package io.storefront.api.secrets;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import java.util.stream.Collectors;

/** Says which secrets are missing and where to put them, in place of a stack trace. */
class SecretsFailureAnalyzer extends AbstractFailureAnalyzer<MissingSecrets> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingSecrets cause) {
        SecretsSource source = cause.source();
        String keys = cause.keys().stream().map(key -> "    - " + key).collect(Collectors.joining("\n"));
        String action = source.vault()
                ? "Write each one to Vault, under its own name, at " + source.sharedPath() + " (shared by every app) or "
                + source.ownPath() + " (this app only), e.g. bao kv patch " + source.ownPath() + " <key>=<value> (bao kv put for a new path)."
                : "Set each one in the configuration (an environment variable or an argument), or start with the "
                + "vault profile to read them from Vault.";
        return new FailureAnalysis("These secrets are missing or blank in " + source + ":\n" + keys, action, cause);
    }
}
