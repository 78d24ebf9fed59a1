package io.storefront.command.shipment;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * How the carrier signs its webhooks, the scheme Stripe uses: {@code Carrier-Signature: t=<unix
 * seconds>,v1=<hex HMAC-SHA256 of "t.body" under the shared secret>}, valid for five minutes so that a
 * captured request cannot be sent again later.
 */
final class CarrierSignature {

    static final String HEADER = "Carrier-Signature";
    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    private CarrierSignature() {
    }

    static String sign(String body, Instant at, String secret) {
        return "t=" + at.getEpochSecond() + ",v1=" + hmac(at.getEpochSecond() + "." + body, secret);
    }

    static boolean verifies(String header, String body, Instant now, String secret) {
        if (header == null || secret == null || secret.isBlank() || !header.matches("t=\\d{1,12},v1=[0-9a-f]{64}")) {
            return false;
        }
        long timestamp = Long.parseLong(header.substring(2, header.indexOf(',')));
        String signature = header.substring(header.indexOf("v1=") + 3);
        boolean fresh = Duration.between(Instant.ofEpochSecond(timestamp), now).abs().compareTo(TOLERANCE) <= 0;
        return fresh && MessageDigest.isEqual(hmac(timestamp + "." + body, secret).getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8));
    }

    private static String hmac(String payload, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
