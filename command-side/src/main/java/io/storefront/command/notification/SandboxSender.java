package io.storefront.command.notification;

import io.storefront.api.notification.Channel;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Without a provider for its channel, text messages and push notifications wait in the demo outbox,
 * where a user can read them (a verification code too); a push shows its title before its text.
 */
class SandboxSender implements ChannelSender {

    private final Channel channel;
    private final DemoOutbox outbox;

    SandboxSender(Channel channel, DemoOutbox outbox) {
        this.channel = channel;
        this.outbox = outbox;
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public void send(String notificationId, String to, Rendered content) {
        outbox.keep(channel.name(), to, content.subject() == null ? content.text() : content.subject() + ": " + content.text());
    }

    @Configuration(proxyBeanMethods = false)
    static class Sandboxes {

        @Bean
        @ConditionalOnProperty(name = "storefront.notifications.sms.provider", havingValue = "sandbox", matchIfMissing = true)
        ChannelSender sandboxSms(DemoOutbox outbox) {
            return new SandboxSender(Channel.SMS, outbox);
        }

        @Bean
        @ConditionalOnProperty(name = "storefront.notifications.push.provider", havingValue = "sandbox", matchIfMissing = true)
        ChannelSender sandboxPush(DemoOutbox outbox) {
            return new SandboxSender(Channel.PUSH, outbox);
        }
    }
}
