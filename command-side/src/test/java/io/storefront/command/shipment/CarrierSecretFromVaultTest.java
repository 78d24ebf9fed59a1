package io.storefront.command.shipment;

import io.storefront.command.EmbeddedPostgresInitializer;
import io.storefront.command.EmbeddedVault;
import io.storefront.command.LocalSecretsInitializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The carrier's webhook secret with the vault profile, against a real Vault-API server: the secret in
 * Vault is the one in use, not the local one; rotated in Vault, it is taken up at the next refresh.
 */
@ExtendWith(OutputCaptureExtension.class)
class CarrierSecretFromVaultTest {

    private static final String LOCAL_SECRET = "carrier-secret-of-the-local-configuration";
    private static final String FIRST_SECRET = "carrier-secret-from-vault-" + UUID.randomUUID();
    private static final String ROTATED_SECRET = "carrier-secret-rotated-in-vault-" + UUID.randomUUID();

    @Test
    void the_webhook_takes_the_secret_in_vault_and_after_a_refresh_the_rotated_one(CapturedOutput output) {
        EmbeddedVault vault = EmbeddedVault.vault();
        vault.write("storefront", Map.of("spring.datasource.password", "password-the-test-database-does-not-check"));
        vault.write("command-side", commandSideSecrets(FIRST_SECRET));
        String database = EmbeddedPostgresInitializer.postgres().getJdbcUrl("postgres", "postgres");

        try (ConfigurableApplicationContext app = vault.commandSide(
                Map.of("storefront.carrier.webhook-secret", LOCAL_SECRET),
                "--spring.datasource.url=" + database, "--spring.datasource.username=postgres",
                "--storefront.secrets.refresh-interval=1s")) {
            RestTestClient carrier = RestTestClient.bindToServer()
                    .baseUrl("http://localhost:" + app.getEnvironment().getProperty("local.server.port")).build();

            assertThat(status(carrier, FIRST_SECRET)).isEqualTo(200);
            assertThat(status(carrier, LOCAL_SECRET)).isEqualTo(401);

            vault.write("command-side", commandSideSecrets(ROTATED_SECRET));

            await("the rotated secret, after a refresh").atMost(Duration.ofSeconds(30))
                    .until(() -> status(carrier, ROTATED_SECRET) == 200);
            assertThat(status(carrier, FIRST_SECRET)).isEqualTo(401);
        }
        assertThat(output).doesNotContain(FIRST_SECRET, ROTATED_SECRET);
    }

    private static Map<String, String> commandSideSecrets(String carrierSecret) {
        return Map.of("storefront.carrier.webhook-secret", carrierSecret,
                "storefront.auth.signing-key-encryption-key", LocalSecretsInitializer.SIGNING_KEY_ENCRYPTION_KEY,
                "storefront.user.verification.code-pepper", "pepper-from-vault");
    }

    /** A scan of a shipment the shop does not know, signed with {@code secret}: acknowledged when the signature verifies. */
    private static int status(RestTestClient carrier, String secret) {
        String scan = """
                {"shipmentId":"%s","status":"IN_TRANSIT","occurredAt":"%s","location":"Jakarta"}"""
                .formatted(UUID.randomUUID(), Instant.now());
        return carrier.post().uri(CarrierWebhook.PATH)
                .contentType(MediaType.APPLICATION_JSON)
                .header(CarrierSignature.HEADER, CarrierSignature.sign(scan, Instant.now(), secret))
                .body(scan)
                .exchange()
                .returnResult(String.class)
                .getStatus().value();
    }
}
