package io.storefront.command;

import io.storefront.api.secrets.MissingSecrets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The command side with the vault profile, against a real Vault-API server (OpenBao's dev server): its
 * database password comes from Vault, over the local configuration; a secret missing from Vault, or a
 * Vault it cannot reach, stops the start with one message that names the key or Vault and its address.
 */
@ExtendWith(OutputCaptureExtension.class)
class VaultSecretsTest {

    /** A database of its own, whose role PostgreSQL lets in with this password only. */
    private static final String ROLE = "vault_app";
    private static final String DATABASE_PASSWORD = "database-password-from-vault-" + UUID.randomUUID();
    private static final String PEPPER = "pepper-from-vault-" + UUID.randomUUID();

    private static EmbeddedVault vault;
    private static String databaseUrl;

    @BeforeAll
    static void vaultAndDatabase() throws IOException {
        vault = EmbeddedVault.vault();
        DataSource postgres = EmbeddedPostgresInitializer.postgres().getPostgresDatabase();
        JdbcClient admin = JdbcClient.create(postgres);
        admin.sql("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + DATABASE_PASSWORD + "'").update();
        admin.sql("CREATE DATABASE " + ROLE + " OWNER " + ROLE).update();
        // the rule goes first: for this role and database a password is checked, for the other tests nothing changes
        Path hba = Path.of(admin.sql("SHOW hba_file").query(String.class).single());
        Files.writeString(hba, "host " + ROLE + " " + ROLE + " all scram-sha-256\n" + Files.readString(hba));
        admin.sql("SELECT pg_reload_conf()").query(Boolean.class).single();
        databaseUrl = EmbeddedPostgresInitializer.postgres().getJdbcUrl(ROLE, ROLE);
        vault.write("storefront", Map.of("spring.datasource.password", DATABASE_PASSWORD,
                "storefront.carrier.webhook-secret", "shared-carrier-secret"));
    }

    @Test
    void the_database_password_comes_from_vault_over_the_local_one_and_is_never_logged(CapturedOutput output) {
        vault.write("command-side", Map.of(
                "storefront.auth.signing-key-encryption-key", LocalSecretsInitializer.SIGNING_KEY_ENCRYPTION_KEY,
                "storefront.user.verification.code-pepper", PEPPER,
                "storefront.carrier.webhook-secret", "command-side-carrier-secret"));

        try (ConfigurableApplicationContext app = vault.commandSide(
                Map.of("spring.datasource.password", "the-local-password-postgres-refuses"),
                "--spring.datasource.url=" + databaseUrl, "--spring.datasource.username=" + ROLE)) {
            // started, migrations run: PostgreSQL took Vault's password for a role that takes no other
            assertThat(JdbcClient.create(app.getBean(DataSource.class)).sql("SELECT current_user").query(String.class).single())
                    .isEqualTo(ROLE);
            // the app's own path wins over the shared one
            assertThat(app.getEnvironment().getProperty("storefront.carrier.webhook-secret"))
                    .isEqualTo("command-side-carrier-secret");
        }
        assertThat(output).doesNotContain(DATABASE_PASSWORD, PEPPER, LocalSecretsInitializer.SIGNING_KEY_ENCRYPTION_KEY);
    }

    @Test
    void a_secret_missing_from_vault_stops_the_start_with_a_message_naming_it(CapturedOutput output) {
        vault.write("command-side-without-pepper", Map.of(
                "storefront.auth.signing-key-encryption-key", LocalSecretsInitializer.SIGNING_KEY_ENCRYPTION_KEY));

        assertThatThrownBy(() -> vault.commandSide(Map.of(),
                "--spring.cloud.vault.kv.application-name=command-side-without-pepper",
                "--spring.datasource.url=" + databaseUrl, "--spring.datasource.username=" + ROLE).close())
                .isInstanceOfSatisfying(MissingSecrets.class, missing ->
                        assertThat(missing.keys()).containsExactly("storefront.user.verification.code-pepper"));
        assertThat(output)
                .contains("APPLICATION FAILED TO START", "storefront.user.verification.code-pepper",
                        "Vault at " + vault.address(), "secret/storefront", "secret/command-side-without-pepper")
                .doesNotContain("Caused by", DATABASE_PASSWORD);
    }

    @Test
    void an_unreachable_vault_stops_the_start_with_a_message_naming_vault_and_its_address(CapturedOutput output)
            throws IOException {
        String nobody;
        try (ServerSocket socket = new ServerSocket(0)) {
            nobody = "http://127.0.0.1:" + socket.getLocalPort();
        }

        assertThatThrownBy(() -> vault.commandSideReading(nobody, Map.of(),
                "--spring.datasource.url=" + databaseUrl, "--spring.datasource.username=" + ROLE).close())
                .isInstanceOf(RuntimeException.class);
        assertThat(output)
                .contains("APPLICATION FAILED TO START", "The secrets could not be read from Vault at " + nobody, "ConnectException")
                .doesNotContain("Caused by");
    }
}
