package io.storefront.command.notification;

import io.storefront.api.notification.Channel;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;

/** Emails through an SMTP server ({@code spring.mail.*}), as a plain-text and an HTML alternative. */
@Component
@ConditionalOnProperty("storefront.notifications.enabled")
class EmailSender implements ChannelSender {

    private final JavaMailSender mail;
    private final String from;

    EmailSender(JavaMailSender mail, NotificationSettings settings) {
        this.mail = mail;
        this.from = settings.from();
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public void send(String notificationId, String to, Rendered content) throws DeliveryFailed {
        try {
            MimeMessage email = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(email, true, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(to);
            helper.setSubject(content.subject());
            helper.setText(content.text(), content.html());
            // lets a mail system that sees the message twice recognise it
            email.setHeader("X-Storefront-Notification", notificationId);
            mail.send(email);
        } catch (MessagingException e) {
            throw new DeliveryFailed("smtp: the message could not be composed", true, e);
        } catch (MailAuthenticationException e) {
            throw new DeliveryFailed("smtp: authentication failed", false, e);
        } catch (MailSendException e) {
            throw new DeliveryFailed(reason(e), rejectedAddress(e), e);
        } catch (MailException e) {
            throw new DeliveryFailed("smtp: " + e.getClass().getSimpleName(), false, e);
        }
    }

    /** The server refused the address itself (a 5xx on RCPT TO): no later attempt will do better. */
    private static boolean rejectedAddress(MailSendException e) {
        return e.getFailedMessages().values().stream()
                .anyMatch(cause -> cause instanceof SendFailedException failed
                        && failed.getInvalidAddresses() != null && failed.getInvalidAddresses().length > 0);
    }

    private static String reason(MailSendException e) {
        return e.getFailedMessages().values().stream()
                .findFirst()
                .map(cause -> "smtp: " + cause.getClass().getSimpleName())
                .orElse("smtp: not sent");
    }
}
