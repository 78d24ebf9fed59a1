package io.storefront.command.notification;

import io.storefront.api.notification.Channel;
import io.storefront.api.notification.Message;
import io.storefront.api.notification.NotificationKind;
import io.storefront.api.notification.QueueNotification;
import io.storefront.api.user.VerificationChannel;
import io.storefront.command.user.AccountNotices;
import io.storefront.command.user.VerificationCodeSender;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * Verification codes and account notices as notifications. The code is never stored, so it cannot go
 * through the event store like other messages: it is put on the broker here, inside the request that
 * made it. If the broker does not take it, the request fails and nothing of it is stored. A notice has
 * nothing secret and goes out like any other message once queued.
 */
@Component
@ConditionalOnProperty("storefront.notifications.enabled")
class QueuedCodes implements VerificationCodeSender, AccountNotices {

    private final CommandGateway commands;
    private final NotificationQueue queue;

    QueuedCodes(CommandGateway commands, NotificationQueue queue) {
        this.commands = commands;
        this.queue = queue;
    }

    @Override
    public void send(Code code) {
        String notificationId = UUID.randomUUID().toString();
        Channel channel = code.channel() == VerificationChannel.EMAIL ? Channel.EMAIL : Channel.SMS;
        Message message = new Message(code.userId(), channel, NotificationKind.VERIFICATION_CODE, code.destination(),
                code.language(), null);
        commands.sendAndWait(new QueueNotification(notificationId, message));
        queue.publish(new Envelope(notificationId, message, code.code()));
    }

    @Override
    public void registrationAttempted(String userId, String email, String language) {
        commands.sendAndWait(new QueueNotification(UUID.randomUUID().toString(),
                new Message(userId, Channel.EMAIL, NotificationKind.ACCOUNT_EXISTS, email, language, null)));
    }
}
