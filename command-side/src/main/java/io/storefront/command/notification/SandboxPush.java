package io.storefront.command.notification;

import io.storefront.api.notification.Channel;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** Without a push provider, notifications wait in the demo outbox, title and text on one line. */
@Component
@ConditionalOnProperty(name = "storefront.notifications.push.provider", havingValue = "sandbox", matchIfMissing = true)
class SandboxPush implements ChannelSender {

    private final DemoOutbox outbox;

    SandboxPush(DemoOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public Channel channel() {
        return Channel.PUSH;
    }

    @Override
    public void send(String notificationId, String to, Rendered content) {
        outbox.keep("PUSH", to, content.subject() + ": " + content.text());
    }
}
