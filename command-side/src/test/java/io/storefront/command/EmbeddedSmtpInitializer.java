package io.storefront.command;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.support.TestPropertySourceUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;

/** Points the application at a GreenMail SMTP server, one per test JVM, that tests can stop and start again. */
public class EmbeddedSmtpInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static GreenMail smtp;
    private static int port;

    /** This test JVM's SMTP server, started on first use. */
    public static synchronized GreenMail smtp() {
        if (smtp == null) {
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
        }
        return smtp;
    }

    /** Stops the SMTP server, as a mail server that goes down. */
    public static synchronized void down() {
        smtp().stop();
    }

    /** Starts it again on the same port, its mailbox empty. */
    public static synchronized void up() {
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    /** The emails the server caught for {@code address}, in the order they came. */
    public static List<MimeMessage> emailsTo(String address) {
        return Arrays.stream(smtp().getReceivedMessages())
                .filter(message -> {
                    try {
                        return message.getAllRecipients()[0].toString().equals(address);
                    } catch (MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        smtp();
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context,
                "spring.mail.host=127.0.0.1", "spring.mail.port=" + port);
    }
}
