package io.storefront.command.user;

import io.storefront.api.user.VerificationChannel;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Keeps the last verification messages in memory instead of sending them, until a real sender (the
 * notification context) is configured. The embedded default shows them at {@code /demo/outbox}, so
 * that a user can confirm an email or phone without a mail server.
 */
@Component
class DemoOutbox implements VerificationCodeSender {

    private static final int CAPACITY = 100;

    record Message(VerificationChannel channel, String to, String text, Instant at) {
    }

    private final Deque<Message> messages = new ArrayDeque<>();
    private final Clock clock;

    DemoOutbox(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void send(VerificationChannel channel, String destination, String code) {
        if (messages.size() == CAPACITY) {
            messages.removeLast();
        }
        messages.addFirst(new Message(channel, destination, "Your Storefront verification code is " + code, clock.instant()));
    }

    /** The newest messages first, optionally only those to one destination. */
    synchronized List<Message> messages(String to) {
        return messages.stream().filter(message -> to == null || message.to().equals(to)).toList();
    }
}
