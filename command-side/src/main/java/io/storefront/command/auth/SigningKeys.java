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

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The RSA keys that sign access tokens, kept in the command side's database so that every instance
 * signs with the same key. Rotating adds a new signing key; the previous ones stay published until
 * every token they signed has expired.
 */
@Component
public class SigningKeys {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuthSettings settings;
    private final AtomicReference<JWKSet> verifying = new AtomicReference<>(new JWKSet());

    SigningKeys(JdbcClient jdbc, Clock clock, AuthSettings settings) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
    }

    /** The key that signs new tokens; the first one is made on first use. */
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
                        SELECT kid, private_key, public_key FROM signing_key
                        WHERE retired_at IS NULL OR retired_at > ? ORDER BY created_at DESC""")
                .param(Timestamp.from(oldestAlive))
                .query((row, index) -> (JWK) key(row.getString("kid"), row.getBytes("private_key"),
                        row.getBytes("public_key")).toPublicJWK())
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
                        SELECT kid, private_key, public_key FROM signing_key WHERE retired_at IS NULL
                        ORDER BY created_at DESC, kid LIMIT 1""")
                .query((row, index) -> key(row.getString("kid"), row.getBytes("private_key"),
                        row.getBytes("public_key")))
                .optional();
    }

    private String insert(Instant now) {
        KeyPair pair = generate();
        String kid = UUID.randomUUID().toString();
        jdbc.sql("INSERT INTO signing_key (kid, private_key, public_key, created_at) VALUES (?, ?, ?, ?)")
                .params(kid, pair.getPrivate().getEncoded(), pair.getPublic().getEncoded(), Timestamp.from(now))
                .update();
        return kid;
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

    private static RSAKey key(String kid, byte[] privateKey, byte[] publicKey) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            return new RSAKey.Builder((RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(publicKey)))
                    .privateKey((RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(privateKey)))
                    .keyID(kid)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Signing key " + kid + " is damaged", e);
        }
    }
}
