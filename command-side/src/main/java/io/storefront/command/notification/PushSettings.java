package io.storefront.command.notification;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who sends the shop's push notifications.
 *
 * @param provider {@code sandbox} (the default: notifications only reach the demo outbox) or {@code fcm}
 */
@Validated
@ConfigurationProperties("storefront.notifications.push")
record PushSettings(@NotNull @Pattern(regexp = "sandbox|fcm") @DefaultValue("sandbox") String provider,
                    @DefaultValue Fcm fcm) {

    /**
     * Firebase Cloud Messaging's address, the Firebase project, and the key of a service account allowed to
     * send for it: the JSON file Google issues, as a string.
     */
    record Fcm(@DefaultValue("https://fcm.googleapis.com") String apiBase, String projectId, String serviceAccount) {

        @Override
        public String toString() {
            return "Fcm[apiBase=" + apiBase + ", projectId=" + projectId + "]";
        }
    }
}
