package io.storefront.command.notification;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * Access tokens of a Google service account, as Google documents for server-to-server apps: a JWT signed
 * with the account's private key (RS256) is exchanged at the account's {@code token_uri}. A token is used
 * until a minute before it expires, so that it does not expire on its way.
 */
final class GoogleAccessTokens {

    private static final Duration MARGIN = Duration.ofMinutes(1);

    private final String clientEmail;
    private final URI tokenUri;
    private final String keyId;
    private final RSASSASigner signer;
    private final String scope;
    private final RestClient http;
    private final Clock clock;

    private String token;
    private Instant renewAt;

    /** {@code serviceAccount}: the JSON key file Google issues for a service account. */
    GoogleAccessTokens(String serviceAccount, String scope, RestClient http, Clock clock) {
        JsonNode account = JsonMapper.shared().readTree(serviceAccount);
        this.clientEmail = required(account, "client_email");
        this.tokenUri = URI.create(required(account, "token_uri"));
        this.keyId = account.path("private_key_id").asString(null);
        this.signer = new RSASSASigner(privateKey(required(account, "private_key")));
        this.scope = scope;
        this.http = http;
        this.clock = clock;
    }

    /** A token to send with; never {@code rejected}, a token the API has just refused. */
    synchronized String token(String rejected) throws DeliveryFailed {
        if (token == null || token.equals(rejected) || !clock.instant().isBefore(renewAt)) {
            fetch();
        }
        return token;
    }

    private void fetch() throws DeliveryFailed {
        Instant now = clock.instant();
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
        form.add("assertion", assertion(now));
        SenderHttp.Answer answer;
        try {
            answer = SenderHttp.exchange(http.post().uri(tokenUri)
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(form));
        } catch (ResourceAccessException e) {
            throw new DeliveryFailed("google token endpoint unreachable or too slow", false, e);
        }
        String issued = answer.body().path("access_token").asString("");
        if (!answer.ok() || issued.isEmpty()) {
            // invalid_grant and the like: a key or clock to fix, not a reason to give the message up
            throw new DeliveryFailed("google token endpoint HTTP " + answer.status() + " "
                    + answer.body().path("error").asString(""), false);
        }
        token = issued;
        renewAt = now.plusSeconds(answer.body().path("expires_in").asLong(3600)).minus(MARGIN);
    }

    private String assertion(Instant now) throws DeliveryFailed {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(clientEmail)
                .claim("scope", scope)
                .audience(tokenUri.toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(keyId).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new DeliveryFailed("google assertion not signed", false, e);
        }
        return jwt.serialize();
    }

    private static String required(JsonNode account, String field) {
        String value = account.path(field).asString("");
        if (value.isBlank()) {
            throw new IllegalArgumentException("the service account JSON has no " + field);
        }
        return value;
    }

    /** The PKCS#8 PEM of the key file; only its Base64 is decoded here, the signing is Nimbus'. */
    private static PrivateKey privateKey(String pem) {
        String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "")
                .replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // the message would not help, and the key is not to reach a log
            throw new IllegalArgumentException("the service account's private_key is not a PKCS#8 RSA key");
        }
    }
}
