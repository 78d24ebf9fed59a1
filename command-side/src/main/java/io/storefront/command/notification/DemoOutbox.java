package io.storefront.command.notification;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Keeps the last messages of the sandbox senders in memory instead of sending them: text messages and
 * push notifications, and verification codes while notifications are off. The embedded default shows
 * them at {@code /demo/outbox}, so that a user can confirm a phone without an SMS provider.
 */
@Component
public class DemoOutbox {

    private static final int CAPACITY = 100;

    public record Message(String channel, String to, String text, Instant at) {
    }

    private final Deque<Message> messages = new ArrayDeque<>();
    private final Clock clock;

    DemoOutbox(Clock clock) {
        this.clock = clock;
    }

    synchronized void keep(String channel, String to, String text) {
        if (messages.size() == CAPACITY) {
            messages.removeLast();
        }
        messages.addFirst(new Message(channel, to, text, clock.instant()));
    }

    /** The newest messages first, optionally only those to one destination. */
    public synchronized List<Message> messages(String to) {
        return messages.stream().filter(message -> to == null || message.to().equals(to)).toList();
    }
}
