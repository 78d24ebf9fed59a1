package io.storefront.command.notification;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who sends the shop's text messages.
 *
 * @param provider {@code sandbox} (the default: messages only reach the demo outbox) or {@code twilio}
 */
@Validated
@ConfigurationProperties("storefront.notifications.sms")
record SmsSettings(@NotNull @Pattern(regexp = "sandbox|twilio") @DefaultValue("sandbox") String provider,
                   @DefaultValue Twilio twilio) {

    /**
     * Twilio's address, the account's SID and auth token, and the sender: a phone number ({@code from})
     * or, instead, a messaging service.
     */
    record Twilio(@DefaultValue("https://api.twilio.com") String apiBase, String accountSid, String authToken,
                  String from, String messagingServiceSid) {

        @Override
        public String toString() {
            return "Twilio[apiBase=" + apiBase + ", accountSid=" + accountSid + "]";
        }
    }
}
