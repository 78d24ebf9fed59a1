package io.storefront.policy;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.storefront.api.notification.Channel;
import io.storefront.api.user.ChangeNotificationPreferences;
import io.storefront.command.EmbeddedSmtpInitializer;
import io.storefront.command.StoredEvents;
import io.storefront.command.notification.DemoOutbox;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.storefront.policy.Shop.APPROVED_CARD;
import static io.storefront.policy.Shop.DECLINED_CARD;
import static org.assertj.core.api.Assertions.assertThat;
import static io.storefront.command.EmbeddedSmtpInitializer.emailsTo;
import static org.awaitility.Awaitility.await;

/**
 * Checkouts as customers hear of them: each step told once, by email in their language, by text
 * message and push where it presses, never on a channel they opted out of, and verification codes
 * whatever they chose. Over a real RabbitMQ to a real SMTP server.
 */
@CheckoutWithNotifications
class NotificationsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Duration QUIET = Duration.ofSeconds(3);

    @Autowired
    Shop shop;

    @Autowired
    CommandGateway commands;

    @Autowired
    DemoOutbox outbox;

    @Autowired
    RestTestClient http;

    @Autowired
    StoredEvents stored;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    EventStore eventStore;

    @Test
    void a_delivered_order_is_told_once_at_each_step_in_indonesian_with_indonesian_amounts() {
        String email = uniqueEmail();
        String customer = shop.customer(email, "+6281234567890");
        commands.sendAndWait(new ChangeNotificationPreferences(customer, "id", Set.of()));
        String coffee = shop.productWithStock(5);
        String order = shop.order(customer, 2, APPROVED_CARD, coffee);
        await().atMost(PATIENCE).until(() -> stored.types(Shop.shipmentOf(order)).contains("ShipmentCreated"));
        shop.track(order, "IN_TRANSIT", "2030-01-01T09:00:00Z");
        shop.track(order, "OUT_FOR_DELIVERY", "2030-01-01T10:00:00Z");
        shop.track(order, "DELIVERED", "2030-01-01T11:00:00Z");

        List<String> subjects = awaitSubjectsSettled(email, 5);
        assertThat(subjects).containsExactlyInAnyOrder(
                "Pesanan " + order + " telah kami terima",
                "Pembayaran untuk pesanan " + order + " telah diterima",
                "Pesanan " + order + " telah dikirim",
                "Pesanan " + order + " sedang diantar",
                "Pesanan " + order + " telah sampai");
        String paid = body(emailsTo(email).stream()
                .filter(message -> subject(message).startsWith("Pembayaran")).findFirst().orElseThrow());
        assertThat(paid).contains("Kopi Toraja").contains("Rp170.000,00").contains("Rp85.000,00");
        assertThat(outbox.messages("+6281234567890")).singleElement()
                .satisfies(sms -> assertThat(sms.channel()).isEqualTo("SMS"));
        assertThat(outbox.messages("customer-" + customer)).extracting(DemoOutbox.Message::channel)
                .containsOnly("PUSH").hasSize(4);
    }

    @Test
    void a_declined_payment_is_told_with_the_cancelled_order_in_english() {
        String email = uniqueEmail();
        String customer = shop.customer(email, null);
        String order = shop.order(customer, 1, DECLINED_CARD, shop.productWithStock(5));

        assertThat(awaitSubjectsSettled(email, 3)).containsExactlyInAnyOrder(
                "We received your order " + order,
                "Payment for order " + order + " was declined",
                "Your order " + order + " was cancelled");
        assertThat(emailsTo(email)).map(NotificationsTest::body)
                .anySatisfy(body -> assertThat(body).contains("Reason: the card was declined"))
                .anySatisfy(body -> assertThat(body).contains("Reason: the payment was declined"));
    }

    @Test
    void a_paid_order_the_customer_calls_off_is_told_cancelled_and_refunded_with_its_total() {
        String email = uniqueEmail();
        String customer = shop.customer(email, null);
        String order = shop.order(customer, 1, APPROVED_CARD, shop.productWithStock(5));
        await().atMost(PATIENCE).until(() -> stored.types(order).contains("OrderPaid"));
        shop.cancel(order);

        assertThat(awaitSubjectsSettled(email, 4)).containsExactlyInAnyOrder(
                "We received your order " + order,
                "Payment received for order " + order,
                "Your order " + order + " was cancelled",
                "Refund for your order " + order);
        assertThat(emailsTo(email)).map(NotificationsTest::body)
                .anySatisfy(body -> assertThat(body).contains("We have refunded IDR85,000.00 for your order " + order));
    }

    @Test
    void a_customer_who_opted_out_of_email_gets_no_order_emails_but_still_their_verification_code() {
        String email = uniqueEmail();
        String customer = shop.customer(email, null);
        commands.sendAndWait(new ChangeNotificationPreferences(customer, "en", Set.of(Channel.EMAIL)));
        String order = shop.order(customer, 1, APPROVED_CARD, shop.productWithStock(5));
        await().atMost(PATIENCE).until(() -> outbox.messages("customer-" + customer).size() == 1);

        http.post().uri("/api/users/{id}/verifications", customer).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("channel", "EMAIL")).exchange().expectStatus().isAccepted();
        assertThat(awaitSubjectsSettled(email, 1)).containsExactly("Your Storefront verification code");
        assertThat(stored.types(order)).contains("OrderPaid");
    }

    @Test
    void handling_every_event_again_sends_no_message_twice() {
        String email = uniqueEmail();
        String customer = shop.customer(email, null);
        shop.order(customer, 1, APPROVED_CARD, shop.productWithStock(5));
        awaitSubjectsSettled(email, 2);
        int pushes = outbox.messages("customer-" + customer).size();

        StreamingEventProcessor policy = processing.eventProcessor("notification-policy", StreamingEventProcessor.class)
                .orElseThrow();
        policy.shutdownAsync().join();
        policy.resetTokens();
        policy.start();
        long head = eventStore.createHeadToken().position().orElseThrow();
        await().atMost(PATIENCE).until(() -> policy.processingStatus().values().stream()
                .allMatch(segment -> segment.isCaughtUp() && segment.getCurrentPosition().orElse(-1) >= head));

        assertThat(awaitSubjectsSettled(email, 2)).hasSize(2);
        assertThat(outbox.messages("customer-" + customer)).hasSize(pushes);
    }

    /** The subjects of the emails to {@code address}, once there are {@code count} and no more come for a while. */
    private static List<String> awaitSubjectsSettled(String address, int count) {
        await().atMost(PATIENCE).until(() -> emailsTo(address).size() >= count);
        await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> emailsTo(address).size() == count);
        return emailsTo(address).stream().map(NotificationsTest::subject).toList();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String body(MimeMessage message) {
        return GreenMailUtil.getBody(message);
    }

    private static String uniqueEmail() {
        return "customer-" + UUID.randomUUID() + "@example.com";
    }
}
