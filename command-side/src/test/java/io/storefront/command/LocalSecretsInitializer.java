package io.storefront.command;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * The secrets the command side cannot start without, as local configuration gives them (no vault
 * profile): test values, like those the launcher makes for the embedded default.
 */
public class LocalSecretsInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** 32 bytes, base64: the AES-256 key that seals the signing keys in these tests. */
    public static final String SIGNING_KEY_ENCRYPTION_KEY = "dGVzdHMtb25seS1zaWduaW5nLWtleS1lbmNyeXB0aW8=";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context,
                "storefront.auth.signing-key-encryption-key=" + SIGNING_KEY_ENCRYPTION_KEY,
                "storefront.user.verification.code-pepper=pepper-for-tests");
    }
}
