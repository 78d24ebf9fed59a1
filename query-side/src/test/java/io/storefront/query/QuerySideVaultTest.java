package io.storefront.query;

import io.storefront.api.secrets.MissingSecrets;
import io.storefront.command.EmbeddedVault;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The query side with the vault profile reads secret/storefront and secret/query-side, and needs its database password. */
class QuerySideVaultTest {

    @Test
    void without_a_database_password_in_vault_it_does_not_start_and_says_where_it_looked() {
        EmbeddedVault vault = EmbeddedVault.vault();
        vault.write("storefront", Map.of("axon.axonserver.token", "not-the-database-password"));
        vault.write("query-side", Map.of("spring.mongodb.uri", "mongodb://localhost:1/storefront"));

        assertThatThrownBy(() -> new SpringApplicationBuilder(QuerySideApplication.class)
                .properties(QuerySideApplication.CONFIG_NAME)
                .profiles("vault")
                .run(vault.arguments()).close())
                .isInstanceOfSatisfying(MissingSecrets.class, missing -> assertThat(missing.keys())
                        .containsExactly("spring.datasource.password"))
                .hasMessageContaining("secret/storefront").hasMessageContaining("secret/query-side");
    }
}
