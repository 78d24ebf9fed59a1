package io.storefront.command.notification;

import io.storefront.api.notification.Channel;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import java.time.Duration;
import java.util.Map;

import static org.springframework.util.StringUtils.hasText;

/**
 * Twilio's Messages API as Twilio documents it: {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json},
 * a form of {@code To}, {@code From} (or {@code MessagingServiceSid}) and {@code Body}, the account SID and
 * auth token as basic auth. Only numbers Twilio says will not take the message fail for good; a refused
 * credential or sender is the shop's configuration, so those are tried again while an operator fixes it.
 */
@Component
@ConditionalOnProperty(name = "storefront.notifications.sms.provider", havingValue = "twilio")
class TwilioSms implements ChannelSender {

    /** Twilio's error codes for a message that no later attempt will get through, and what they mean. */
    private static final Map<Integer, String> UNDELIVERABLE = Map.of(
            21211, "invalid To number",
            21610, "recipient unsubscribed",
            21612, "To number not reachable by SMS",
            21614, "To number is not a mobile number",
            21617, "message body too long");

    private final SmsSettings.Twilio twilio;
    private final RestClient http;

    TwilioSms(SmsSettings settings, @Value("${storefront.notifications.timeout:10s}") Duration timeout) {
        twilio = settings.twilio();
        Assert.isTrue(hasText(twilio.accountSid()) && hasText(twilio.authToken())
                        && (hasText(twilio.from()) || hasText(twilio.messagingServiceSid())),
                "storefront.notifications.sms.twilio.account-sid, auth-token and from (or messaging-service-sid) "
                        + "must be set when Twilio sends text messages");
        // not Twilio's SDK: its address cannot be set per client, and it keeps the credentials in static state
        http = SenderHttp.client(timeout).mutate()
                .baseUrl(twilio.apiBase())
                .defaultHeaders(headers -> headers.setBasicAuth(twilio.accountSid(), twilio.authToken()))
                .build();
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public void send(String notificationId, String to, Rendered content) throws DeliveryFailed {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("To", to);
        if (hasText(twilio.messagingServiceSid())) {
            form.add("MessagingServiceSid", twilio.messagingServiceSid());
        } else {
            form.add("From", twilio.from());
        }
        form.add("Body", content.text());
        SenderHttp.Answer answer;
        try {
            answer = SenderHttp.exchange(http.post()
                    .uri("/2010-04-01/Accounts/{sid}/Messages.json", twilio.accountSid())
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(form));
        } catch (ResourceAccessException e) {
            throw new DeliveryFailed("twilio unreachable or too slow", false, e);
        }
        if (!answer.ok()) {
            throw failure(answer);
        }
    }

    /** Twilio's own message names the number, so the reason is built from the code alone. */
    private static DeliveryFailed failure(SenderHttp.Answer answer) {
        int code = answer.body().path("code").asInt(0);
        String undeliverable = UNDELIVERABLE.get(code);
        if (answer.status() == 400 && undeliverable != null) {
            return new DeliveryFailed("twilio " + code + ": " + undeliverable, true);
        }
        return new DeliveryFailed("twilio HTTP " + answer.status() + (code == 0 ? "" : " (code " + code + ")"), false);
    }
}
