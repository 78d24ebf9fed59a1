package io.storefront.command.notification;

import io.storefront.api.notification.Channel;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** Without providers, text messages and push notifications wait in the demo outbox. */
class SandboxSendersTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:15:00Z");

    private final DemoOutbox outbox = new DemoOutbox(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void a_text_message_keeps_its_text() {
        SandboxSender sms = new SandboxSender(Channel.SMS, outbox);

        sms.send("n-1", "+6281234567890", new Rendered(null, "Your order 1042 has shipped", null));

        assertThat(sms.channel()).isEqualTo(Channel.SMS);
        assertThat(outbox.messages("+6281234567890"))
                .containsExactly(new DemoOutbox.Message("SMS", "+6281234567890", "Your order 1042 has shipped", NOW));
    }

    @Test
    void a_push_notification_keeps_its_title_and_text() {
        SandboxSender push = new SandboxSender(Channel.PUSH, outbox);

        push.send("n-2", "customer-42", new Rendered("Order shipped", "Your order 1042 is on its way", null));

        assertThat(push.channel()).isEqualTo(Channel.PUSH);
        assertThat(outbox.messages("customer-42")).containsExactly(
                new DemoOutbox.Message("PUSH", "customer-42", "Order shipped: Your order 1042 is on its way", NOW));
    }
}
