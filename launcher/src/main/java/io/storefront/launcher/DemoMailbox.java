package io.storefront.launcher;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Only in the embedded default: the emails the platform sent, as the embedded SMTP server caught them,
 * newest first, so that a user reads their verification code and order mails without a mail server.
 */
@Hidden
@RestController
class DemoMailbox {

    record Email(String to, String subject, Instant sentAt, String body) {
    }

    private final GreenMail smtp;

    DemoMailbox(GreenMail smtp) {
        this.smtp = smtp;
    }

    @GetMapping("/demo/mailbox")
    List<Email> emails(@RequestParam(required = false) String to) throws MessagingException {
        return Arrays.stream(smtp.getReceivedMessages())
                .map(DemoMailbox::email)
                .filter(email -> to == null || email.to().equalsIgnoreCase(to))
                .sorted(Comparator.comparing(Email::sentAt).reversed())
                .toList();
    }

    private static Email email(MimeMessage message) {
        try {
            return new Email(message.getAllRecipients()[0].toString(), message.getSubject(),
                    message.getSentDate().toInstant(), GreenMailUtil.getBody(message));
        } catch (MessagingException e) {
            throw new IllegalStateException("A caught email could not be read", e);
        }
    }
}
