package io.storefront.command.notification;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.storefront.api.notification.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The FCM sender against a stub of Google's token endpoint and of FCM's HTTP v1 API, answering as Google documents. */
class FirebasePushTest {

    @RegisterExtension
    static final WireMockExtension google = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final KeyPair KEYS = rsaKeys();
    private static final String CLIENT_EMAIL = "storefront-push@storefront-demo.iam.gserviceaccount.com";
    private static final String SEND = "/v1/projects/storefront-demo/messages:send";
    private static final String TOPIC = "customer-42";
    private static final Rendered CONTENT = new Rendered("Order shipped", "Your order 1042 is on its way", null);

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-29T10:15:00Z"));
    private final FirebasePush push = new FirebasePush(new PushSettings("fcm", new PushSettings.Fcm(google.baseUrl(),
            "storefront-demo", serviceAccount())), Duration.ofSeconds(2), clock);

    @Test
    void a_notification_goes_to_the_topic_with_a_token_signed_by_the_service_account_and_reused() throws Exception {
        google.stubFor(post("/token").willReturn(token("ya29.first")));
        google.stubFor(post(SEND).willReturn(sent()));

        push.send("n-1", TOPIC, CONTENT);
        push.send("n-2", TOPIC, CONTENT);

        assertThat(push.channel()).isEqualTo(Channel.PUSH);
        google.verify(1, postRequestedFor(urlEqualTo("/token"))
                .withFormParam("grant_type", equalTo("urn:ietf:params:oauth:grant-type:jwt-bearer")));
        SignedJWT assertion = SignedJWT.parse(google.findAll(postRequestedFor(urlEqualTo("/token"))).getFirst()
                .formParameters().get("assertion").firstValue());
        assertThat(assertion.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(assertion.getHeader().getKeyID()).isEqualTo("4f1c2b3a");
        assertThat(assertion.verify(new RSASSAVerifier((RSAPublicKey) KEYS.getPublic()))).isTrue();
        JWTClaimsSet claims = assertion.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(CLIENT_EMAIL);
        assertThat(claims.getStringClaim("scope")).isEqualTo("https://www.googleapis.com/auth/firebase.messaging");
        assertThat(claims.getAudience()).containsExactly(google.baseUrl() + "/token");
        assertThat(claims.getIssueTime()).isEqualTo(Date.from(clock.instant()));
        assertThat(claims.getExpirationTime()).isEqualTo(Date.from(clock.instant().plusSeconds(3600)));

        google.verify(2, postRequestedFor(urlEqualTo(SEND)).withHeader("Authorization", equalTo("Bearer ya29.first")));
        google.verify(1, postRequestedFor(urlEqualTo(SEND)).withRequestBody(equalToJson("""
                {"message": {"topic": "customer-42",
                             "notification": {"title": "Order shipped", "body": "Your order 1042 is on its way"},
                             "data": {"notificationId": "n-1"}}}""")));
    }

    @Test
    void a_token_is_renewed_a_minute_before_it_expires() throws DeliveryFailed {
        google.stubFor(post("/token").willReturn(token("ya29.first")));
        google.stubFor(post(SEND).willReturn(sent()));

        push.send("n-1", TOPIC, CONTENT);
        clock.move(Duration.ofSeconds(3599 - 61));
        push.send("n-2", TOPIC, CONTENT);
        google.verify(1, postRequestedFor(urlEqualTo("/token")));

        clock.move(Duration.ofSeconds(1));
        push.send("n-3", TOPIC, CONTENT);
        google.verify(2, postRequestedFor(urlEqualTo("/token")));
    }

    @Test
    void a_token_fcm_refuses_is_replaced_once_and_the_message_sent_again() throws DeliveryFailed {
        google.stubFor(post("/token").inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(token("ya29.revoked")).willSetStateTo("renewed"));
        google.stubFor(post("/token").inScenario("tokens").whenScenarioStateIs("renewed").willReturn(token("ya29.fresh")));
        google.stubFor(post(SEND).withHeader("Authorization", equalTo("Bearer ya29.revoked")).willReturn(error(401, """
                {"error": {"code": 401, "message": "Request had invalid authentication credentials.", "status": "UNAUTHENTICATED"}}""")));
        google.stubFor(post(SEND).withHeader("Authorization", equalTo("Bearer ya29.fresh")).willReturn(sent()));

        push.send("n-1", TOPIC, CONTENT);

        google.verify(2, postRequestedFor(urlEqualTo("/token")));
        google.verify(2, postRequestedFor(urlEqualTo(SEND)));
    }

    @Test
    void a_second_refusal_of_a_fresh_token_is_tried_again_later() {
        google.stubFor(post("/token").willReturn(token("ya29.refused")));
        google.stubFor(post(SEND).willReturn(error(401, """
                {"error": {"code": 401, "message": "Request had invalid authentication credentials.", "status": "UNAUTHENTICATED"}}""")));

        DeliveryFailed failed = failure();

        assertThat(failed.isPermanent()).isFalse();
        google.verify(2, postRequestedFor(urlEqualTo(SEND)));
    }

    @Test
    void an_unregistered_destination_fails_for_good() {
        google.stubFor(post("/token").willReturn(token("ya29.first")));
        google.stubFor(post(SEND).willReturn(error(404, """
                {"error": {"code": 404, "message": "Requested entity was not found.", "status": "NOT_FOUND",
                           "details": [{"@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError", "errorCode": "UNREGISTERED"}]}}""")));

        DeliveryFailed failed = failure();

        assertThat(failed.isPermanent()).isTrue();
        assertThat(failed.getMessage()).isEqualTo("fcm HTTP 404 UNREGISTERED");
    }

    @Test
    void a_message_fcm_cannot_take_fails_for_good() {
        google.stubFor(post("/token").willReturn(token("ya29.first")));
        google.stubFor(post(SEND).willReturn(error(400, """
                {"error": {"code": 400, "message": "Invalid topic name customer-42", "status": "INVALID_ARGUMENT",
                           "details": [{"@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError", "errorCode": "INVALID_ARGUMENT"}]}}""")));

        assertThat(failure().isPermanent()).isTrue();
    }

    @Test
    void an_unavailable_fcm_is_tried_again() {
        google.stubFor(post("/token").willReturn(token("ya29.first")));
        google.stubFor(post(SEND).willReturn(error(503, """
                {"error": {"code": 503, "message": "The service is currently unavailable.", "status": "UNAVAILABLE"}}""")));

        DeliveryFailed failed = failure();

        assertThat(failed.isPermanent()).isFalse();
        assertThat(failed.getMessage()).isEqualTo("fcm HTTP 503 UNAVAILABLE");
    }

    @Test
    void a_token_endpoint_that_refuses_the_assertion_is_tried_again() {
        google.stubFor(post("/token").willReturn(error(400, """
                {"error": "invalid_grant", "error_description": "Invalid JWT Signature."}""")));

        DeliveryFailed failed = failure();

        assertThat(failed.isPermanent()).isFalse();
        assertThat(failed.getMessage()).isEqualTo("google token endpoint HTTP 400 invalid_grant");
        google.verify(0, postRequestedFor(urlEqualTo(SEND)));
    }

    private DeliveryFailed failure() {
        DeliveryFailed failed = catchThrowableOfType(DeliveryFailed.class, () -> push.send("n-1", TOPIC, CONTENT));
        assertThat(failed).isNotNull();
        assertThat(failed.getMessage()).doesNotContain(TOPIC, CONTENT.subject(), CONTENT.text());
        return failed;
    }

    private static ResponseDefinitionBuilder token(String token) {
        return okJson("{\"access_token\": \"" + token + "\", \"expires_in\": 3599, \"token_type\": \"Bearer\"}");
    }

    private static ResponseDefinitionBuilder sent() {
        return okJson("{\"name\": \"projects/storefront-demo/messages/0:1500415314455276%31bd1c9631bd1c96\"}");
    }

    private static ResponseDefinitionBuilder error(int status, String json) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(json);
    }

    /** A key file as Google issues it, with this test's key and its token endpoint. */
    private static String serviceAccount() {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEYS.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        return JsonMapper.shared().writeValueAsString(Map.of(
                "type", "service_account",
                "project_id", "storefront-demo",
                "private_key_id", "4f1c2b3a",
                "private_key", pem,
                "client_email", CLIENT_EMAIL,
                "client_id", "109876543210987654321",
                "auth_uri", "https://accounts.google.com/o/oauth2/auth",
                "token_uri", google.baseUrl() + "/token"));
    }

    private static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
