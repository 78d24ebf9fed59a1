package io.storefront.api.secrets;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.vault.VaultException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Vault could not be read at start (unreachable, sealed, a token it refuses): names Vault, its address
 * and what went wrong, in place of the config-data loader's stack trace. The failure comes before the
 * application has an environment to ask, so the address is the one the failed request went to.
 */
class VaultFailureAnalyzer extends AbstractFailureAnalyzer<VaultException> {

    private static final Pattern ADDRESS = Pattern.compile("https?://[^/\\s\"]+");

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, VaultException cause) {
        List<String> messages = new ArrayList<>();
        for (Throwable failure = cause; failure != null; failure = failure.getCause()) {
            // the JDK's client refuses a connection without a message: its type says it
            String message = failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
            if (!messages.contains(message)) {
                messages.add(message);
            }
        }
        Matcher address = ADDRESS.matcher(String.join(" ", messages));
        String vault = address.find() ? "Vault at " + address.group() : "Vault";
        return new FailureAnalysis("The secrets could not be read from " + vault + ": " + String.join("; ", messages),
                "Check that Vault is up and unsealed at the address in SPRING_CLOUD_VAULT_URI (spring.cloud.vault.uri) "
                        + "and that its token, SPRING_CLOUD_VAULT_TOKEN, may read secret/storefront and "
                        + "secret/<application name>; or start without the vault profile.",
                cause);
    }
}
