package io.storefront.command.user;

import io.storefront.api.user.VerificationChannel;
import io.storefront.command.TooSoon;
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
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

@Component
class JdbcVerificationCodes implements VerificationCodes {

    private static final String ALGORITHM = "HmacSHA256";
    private static final Duration DESTINATION_INTERVAL = Duration.ofMinutes(1);
    private static final int CODES_PER_DESTINATION_A_DAY = 5;
    private static final Duration DAY = Duration.ofDays(1);

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
    public void issue(String userId, VerificationChannel channel, String destination, String language, Instant now) {
        countSent(destination, now);
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

    /**
     * Counts a code to the destination, or refuses it when the destination had one less than a minute ago
     * or its day's codes already. Codes to one destination are counted one request at a time (a lock on
     * its hash for the transaction), so that concurrent requests from several accounts cannot slip through.
     */
    private void countSent(String destination, Instant now) {
        String destinationHash = hash("destination:" + destination);
        jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(Long.parseUnsignedLong(destinationHash.substring(0, 15), 16))
                .query().listOfRows();
        jdbc.sql("DELETE FROM verification_code_sent WHERE destination_hash = ? AND sent_at <= ?")
                .params(destinationHash, Timestamp.from(now.minus(DAY)))
                .update();
        List<Instant> sent = jdbc.sql("SELECT sent_at FROM verification_code_sent WHERE destination_hash = ? ORDER BY sent_at")
                .param(destinationHash)
                .query((row, index) -> row.getTimestamp("sent_at").toInstant())
                .list();
        if (!sent.isEmpty() && now.isBefore(sent.getLast().plus(DESTINATION_INTERVAL))) {
            throw new TooSoon("A code was sent to this contact less than a minute ago",
                    Duration.between(now, sent.getLast().plus(DESTINATION_INTERVAL)));
        }
        if (sent.size() >= CODES_PER_DESTINATION_A_DAY) {
            throw new TooSoon("This contact has had its codes for today", Duration.between(now, sent.getFirst().plus(DAY)));
        }
        jdbc.sql("INSERT INTO verification_code_sent (destination_hash, sent_at) VALUES (?, ?)")
                .params(destinationHash, Timestamp.from(now))
                .update();
    }

    private String hash(String userId, VerificationChannel channel, String code) {
        return hash(userId + ':' + channel + ':' + code);
    }

    private String hash(String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(pepper);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
