package io.storefront.command.notification;

import io.storefront.api.notification.Channel;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** Without an SMS provider, text messages wait in the demo outbox, where a user can read a code. */
@Component
@ConditionalOnProperty(name = "storefront.notifications.sms.provider", havingValue = "sandbox", matchIfMissing = true)
class SandboxSms implements ChannelSender {

    private final DemoOutbox outbox;

    SandboxSms(DemoOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public void send(String notificationId, String to, Rendered content) {
        outbox.keep("SMS", to, content.text());
    }
}
