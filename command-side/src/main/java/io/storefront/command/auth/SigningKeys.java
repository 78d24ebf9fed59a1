package io.storefront.command.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The RSA keys that sign access tokens, kept in the command side's database so that every instance
 * signs with the same key. Rotating adds a new signing key; the previous ones stay published until
 * every token they signed has expired. Private keys are stored sealed (AES-256-GCM, the key id as
 * associated data) under {@code storefront.auth.signing-key-encryption-key}, which lives in Vault: the
 * database alone holds no key that signs. An instance given another encryption key (rotated in Vault)
 * cannot open the current key, so it seals a new one and signs with that; the keys sealed under the old
 * encryption key stay published, and the next rotation retires them.
 */
@Component
public class SigningKeys {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuthSettings settings;
    private final SecretKey sealingKey;
    private final String sealedBy;
    private final SecureRandom random = new SecureRandom();
    private final AtomicReference<JWKSet> verifying = new AtomicReference<>(new JWKSet());

    SigningKeys(JdbcClient jdbc, Clock clock, AuthSettings settings) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
        byte[] key = Base64.getDecoder().decode(settings.signingKeyEncryptionKey().strip());
        this.sealingKey = new SecretKeySpec(key, "AES");
        this.sealedBy = fingerprint(key);
    }

    /** The key that signs new tokens: the newest one sealed under this instance's encryption key, made when there is none. */
    RSAKey current() {
        return newest().orElseGet(() -> {
            insert(clock.instant());
            return newest().orElseThrow();
        });
    }

    /** Makes a new signing key; the others retire now and stay published while their tokens live. */
    @Transactional
    public String rotate() {
        Instant now = clock.instant();
        String kid = insert(now);
        jdbc.sql("UPDATE signing_key SET retired_at = ? WHERE retired_at IS NULL AND kid <> ?")
                .params(Timestamp.from(now), kid).update();
        verifying.set(new JWKSet());
        return kid;
    }

    /** The public halves of every key whose tokens may still be alive: the JWKS. */
    JWKSet published() {
        current();
        Instant oldestAlive = clock.instant().minus(settings.accessTokenLifetime());
        List<JWK> keys = jdbc.sql("""
                        SELECT kid, public_key FROM signing_key
                        WHERE retired_at IS NULL OR retired_at > ? ORDER BY created_at DESC""")
                .param(Timestamp.from(oldestAlive))
                .query((row, index) -> (JWK) publicKey(row.getString("kid"), row.getBytes("public_key")).build())
                .list();
        return new JWKSet(keys);
    }

    /**
     * The keys that check tokens, as Nimbus asks for them: from memory, and read again when a token
     * names a key this instance has not seen (another instance rotated).
     */
    public JWKSource<SecurityContext> verificationKeys() {
        return (selector, context) -> {
            List<JWK> found = selector.select(verifying.get());
            if (found.isEmpty()) {
                verifying.set(published());
                found = selector.select(verifying.get());
            }
            return found;
        };
    }

    private Optional<RSAKey> newest() {
        return jdbc.sql("""
                        SELECT kid, private_key, public_key FROM signing_key
                        WHERE retired_at IS NULL AND sealed_by = ? AND private_key IS NOT NULL
                        ORDER BY created_at DESC, kid LIMIT 1""")
                .param(sealedBy)
                .query((row, index) -> {
                    String kid = row.getString("kid");
                    return publicKey(kid, row.getBytes("public_key"))
                            .privateKey(privateKey(kid, unseal(kid, row.getBytes("private_key"))))
                            .build();
                })
                .optional();
    }

    private String insert(Instant now) {
        KeyPair pair = generate();
        String kid = UUID.randomUUID().toString();
        jdbc.sql("""
                        INSERT INTO signing_key (kid, private_key, public_key, created_at, sealed_by)
                        VALUES (?, ?, ?, ?, ?)""")
                .params(kid, seal(kid, pair.getPrivate().getEncoded()), pair.getPublic().getEncoded(),
                        Timestamp.from(now), sealedBy)
                .update();
        return kid;
    }

    private byte[] seal(String kid, byte[] privateKey) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = aesGcm(Cipher.ENCRYPT_MODE, nonce, kid, privateKey);
        byte[] stored = new byte[NONCE_BYTES + sealed.length];
        System.arraycopy(nonce, 0, stored, 0, NONCE_BYTES);
        System.arraycopy(sealed, 0, stored, NONCE_BYTES, sealed.length);
        return stored;
    }

    private byte[] unseal(String kid, byte[] stored) {
        byte[] nonce = Arrays.copyOf(stored, NONCE_BYTES);
        return aesGcm(Cipher.DECRYPT_MODE, nonce, kid, Arrays.copyOfRange(stored, NONCE_BYTES, stored.length));
    }

    private byte[] aesGcm(int mode, byte[] nonce, String kid, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, sealingKey, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Signing key " + kid + " cannot be "
                    + (mode == Cipher.ENCRYPT_MODE ? "sealed" : "opened: damaged, or sealed under another key"), e);
        }
    }

    /** Names the encryption key without giving it away: the first 128 bits of its SHA-256. */
    private static String fingerprint(byte[] key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key), 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM cannot make RSA keys", e);
        }
    }

    private static RSAKey.Builder publicKey(String kid, byte[] publicKey) {
        try {
            return new RSAKey.Builder((RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(publicKey)))
                    .keyID(kid)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Signing key " + kid + " is damaged", e);
        }
    }

    private static RSAPrivateKey privateKey(String kid, byte[] privateKey) {
        try {
            return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(privateKey));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Signing key " + kid + " is damaged", e);
        }
    }
}
