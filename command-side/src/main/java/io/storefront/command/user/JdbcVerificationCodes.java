package io.storefront.command.user;

import io.storefront.api.user.VerificationChannel;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

@Component
class JdbcVerificationCodes implements VerificationCodes {

    private static final String ALGORITHM = "HmacSHA256";

    private final JdbcClient jdbc;
    private final VerificationCodeSender sender;
    private final SecretKeySpec pepper;
    private final SecureRandom random = new SecureRandom();

    JdbcVerificationCodes(JdbcClient jdbc, VerificationCodeSender sender,
                          @Value("${storefront.user.verification.code-pepper}") String pepper) {
        this.jdbc = jdbc;
        this.sender = sender;
        Assert.hasText(pepper, "storefront.user.verification.code-pepper (STOREFRONT_VERIFICATION_PEPPER, or Vault) must be set");
        this.pepper = new SecretKeySpec(pepper.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    @Override
    public void issue(String userId, VerificationChannel channel, String destination, String language) {
        String code = "%06d".formatted(random.nextInt(1_000_000));
        jdbc.sql("""
                        INSERT INTO user_verification_code (user_id, channel, code_hash) VALUES (?, ?, ?)
                        ON CONFLICT (user_id, channel) DO UPDATE SET code_hash = EXCLUDED.code_hash""")
                .params(userId, channel.name(), hash(userId, channel, code))
                .update();
        // handed over inside the transaction: a code that cannot go out is not stored either
        sender.send(new VerificationCodeSender.Code(userId, channel, destination, language, code));
    }

    @Override
    public boolean matches(String userId, VerificationChannel channel, String code) {
        return jdbc.sql("SELECT code_hash FROM user_verification_code WHERE user_id = ? AND channel = ?")
                .params(userId, channel.name())
                .query(String.class)
                .optional()
                .map(stored -> MessageDigest.isEqual(
                        stored.getBytes(StandardCharsets.US_ASCII),
                        hash(userId, channel, code).getBytes(StandardCharsets.US_ASCII)))
                .orElse(false);
    }

    private String hash(String userId, VerificationChannel channel, String code) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(pepper);
            byte[] digest = mac.doFinal((userId + ':' + channel + ':' + code).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
