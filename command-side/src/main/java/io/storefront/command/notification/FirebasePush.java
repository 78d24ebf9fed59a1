package io.storefront.command.notification;

import io.storefront.api.notification.Channel;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static org.springframework.util.StringUtils.hasText;

/**
 * Firebase Cloud Messaging's HTTP v1 API as Google documents it: {@code POST /v1/projects/{project}/messages:send}
 * to a topic (the destination, such as {@code customer-<id>}), with a service account's access token.
 * The notification's id goes along as data, so that an app can drop a message it has already shown.
 * Only a topic FCM does not know or a message it cannot take fail for good.
 */
@Component
@ConditionalOnProperty(name = "storefront.notifications.push.provider", havingValue = "fcm")
class FirebasePush implements ChannelSender {

    static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";

    record Message(String topic, Notification notification, Map<String, String> data) {
    }

    record Notification(String title, String body) {
    }

    private final PushSettings.Fcm fcm;
    private final RestClient http;
    private final GoogleAccessTokens tokens;

    FirebasePush(PushSettings settings, @Value("${storefront.notifications.timeout:10s}") Duration timeout, Clock clock) {
        fcm = settings.fcm();
        Assert.isTrue(hasText(fcm.projectId()) && hasText(fcm.serviceAccount()),
                "storefront.notifications.push.fcm.project-id and service-account must be set when FCM sends push notifications");
        http = SenderHttp.client(timeout);
        tokens = new GoogleAccessTokens(fcm.serviceAccount(), SCOPE, http, clock);
    }

    @Override
    public Channel channel() {
        return Channel.PUSH;
    }

    @Override
    public void send(String notificationId, String to, Rendered content) throws DeliveryFailed {
        String message = JsonMapper.shared().writeValueAsString(Map.of("message", new Message(to,
                new Notification(content.subject(), content.text()), Map.of("notificationId", notificationId))));
        String token = tokens.token(null);
        SenderHttp.Answer answer = post(message, token);
        if (answer.status() == 401) {
            // revoked or expired early: one fresh token, one more attempt
            answer = post(message, tokens.token(token));
        }
        if (!answer.ok()) {
            throw failure(answer);
        }
    }

    private SenderHttp.Answer post(String message, String token) throws DeliveryFailed {
        try {
            return SenderHttp.exchange(http.post()
                    .uri(fcm.apiBase() + "/v1/projects/{project}/messages:send", fcm.projectId())
                    .headers(headers -> headers.setBearerAuth(token))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(message));
        } catch (ResourceAccessException e) {
            throw new DeliveryFailed("fcm unreachable or too slow", false, e);
        }
    }

    /** FCM's error code (in the error's details) or else its status decides; its message is not repeated. */
    private static DeliveryFailed failure(SenderHttp.Answer answer) {
        JsonNode error = answer.body().path("error");
        String code = error.path("status").asString("");
        for (JsonNode detail : error.path("details")) {
            code = detail.path("errorCode").asString(code);
        }
        boolean permanent = answer.status() == 404 && code.equals("UNREGISTERED")
                || answer.status() == 400 && code.equals("INVALID_ARGUMENT");
        return new DeliveryFailed(("fcm HTTP " + answer.status() + " " + code).strip(), permanent);
    }
}
