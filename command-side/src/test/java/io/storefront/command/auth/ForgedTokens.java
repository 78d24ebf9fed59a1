package io.storefront.command.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.storefront.api.auth.AccessTokenFormat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/** Tokens an attacker could make, or a real key could sign with claims the platform must refuse. */
class ForgedTokens {

    private final SigningKeys keys;

    ForgedTokens(SigningKeys keys) {
        this.keys = keys;
    }

    static JWTClaimsSet.Builder claims(String userId, String role, Instant expiry) {
        return new JWTClaimsSet.Builder().issuer(AccessTokenFormat.ISSUER).subject(userId)
                .claim(AccessTokenFormat.ROLES, List.of(role)).claim(AccessTokenFormat.SESSION, "forged")
                .issueTime(Date.from(expiry.minusSeconds(900))).expirationTime(Date.from(expiry));
    }

    /** Signed with the real current key: valid in form, so only its claims can make it fail. */
    String signedWithTheRealKey(JWTClaimsSet claims) throws JOSEException {
        RSAKey key = keys.current();
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        token.sign(new RSASSASigner(key));
        return token.serialize();
    }

    String signedWithAnUnknownKey(JWTClaimsSet claims) throws JOSEException {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("not-ours").generate();
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("not-ours").build(), claims);
        token.sign(new RSASSASigner(stranger));
        return token.serialize();
    }

    /** The classic confusion attack: HMAC with the public key as the secret, under the real key's id. */
    String hmacWithThePublicKey(JWTClaimsSet claims) throws JOSEException {
        RSAKey key = keys.current();
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(), claims);
        token.sign(new MACSigner(key.toRSAPublicKey().getEncoded()));
        return token.serialize();
    }

    static String unsigned(JWTClaimsSet claims) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8)) + ".";
    }

    /** A real token whose payload was changed after signing: here, a customer who made themselves admin. */
    static String tampered(String realToken) {
        String[] parts = realToken.split("\\.");
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"CUSTOMER\"", "\"ADMIN\"");
        return parts[0] + "." + base64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }
}
