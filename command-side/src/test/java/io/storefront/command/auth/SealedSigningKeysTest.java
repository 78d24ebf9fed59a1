package io.storefront.command.auth;

import io.storefront.command.CommandSideTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.security.KeyFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The private signing keys in the database are sealed under the encryption key from Vault (or the local configuration). */
@CommandSideTest
class SealedSigningKeysTest {

    /** Another 32-byte key, as after a rotation in Vault. */
    private static final String ROTATED_ENCRYPTION_KEY = "cm90YXRlZC1zaWduaW5nLWtleS1lbmNyeXB0aW9uLWs=";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SigningKeys keys;

    @Autowired
    AuthSettings settings;

    @Autowired
    Clock clock;

    @Test
    void no_private_key_is_stored_in_the_clear() {
        keys.current();
        List<byte[]> stored = jdbc.sql("SELECT private_key FROM signing_key WHERE private_key IS NOT NULL")
                .query(byte[].class).list();

        assertThat(stored).isNotEmpty().allSatisfy(key -> assertThatThrownBy(
                () -> KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(key)))
                .isInstanceOf(InvalidKeySpecException.class));
    }

    @Test
    void an_instance_given_another_encryption_key_signs_with_a_new_key_and_the_old_one_stays_published() {
        String sealedUnderTheFirst = keys.current().getKeyID();

        SigningKeys afterRotationInVault = new SigningKeys(jdbc, clock, new AuthSettings(settings.accessTokenLifetime(),
                settings.refreshTokenLifetime(), settings.loginThrottle(), settings.registrationNoticeInterval(),
                settings.bcryptStrength(), ROTATED_ENCRYPTION_KEY, settings.admin()));
        String sealedUnderTheSecond = afterRotationInVault.current().getKeyID();

        assertThat(sealedUnderTheSecond).isNotEqualTo(sealedUnderTheFirst);
        assertThat(afterRotationInVault.published().getKeyByKeyId(sealedUnderTheFirst)).isNotNull();
        assertThat(keys.current().getKeyID()).isEqualTo(sealedUnderTheFirst);
    }
}
