package io.storefront.command.notification;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.storefront.api.notification.Channel;
import io.storefront.api.notification.Message;
import io.storefront.api.notification.NotificationKind;
import io.storefront.api.notification.OrderFacts;
import io.storefront.api.notification.QueueNotification;
import io.storefront.api.shared.Money;
import io.storefront.command.ActingAsAdmin;
import io.storefront.command.CommandSideApplication;
import io.storefront.command.EmbeddedPostgresInitializer;
import io.storefront.command.LocalSecretsInitializer;
import io.storefront.command.EmbeddedRabbitInitializer;
import io.storefront.command.EmbeddedRedisInitializer;
import io.storefront.command.EmbeddedSmtpInitializer;
import io.storefront.command.StoredEvents;
import jakarta.mail.internet.MimeMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static io.storefront.command.EmbeddedSmtpInitializer.emailsTo;
import static org.awaitility.Awaitility.await;

/**
 * Messages through a real RabbitMQ to a real SMTP server (GreenMail): sent once each, retried while
 * the mail server is down, parked when it stays down, sent again by an operator, and kept by the
 * broker across its restart. Its own context, closed afterwards: its courier is the only consumer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {CommandSideApplication.CONFIG_NAME,
        "storefront.auth.bcrypt-strength=4"})
@ContextConfiguration(initializers = {EmbeddedPostgresInitializer.class, EmbeddedRedisInitializer.class,
        EmbeddedRabbitInitializer.class, EmbeddedSmtpInitializer.class, LocalSecretsInitializer.class})
@AutoConfigureRestTestClient
@Import({StoredEvents.class, ActingAsAdmin.class})
@DirtiesContext
class NotificationDeliveryTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    CommandGateway commands;

    @Autowired
    NotificationQueue queue;

    @Autowired
    StoredEvents stored;

    @Autowired
    RestTestClient http;

    @LocalManagementPort
    int managementPort;

    @Autowired
    RabbitAdmin admin;

    @Autowired
    RabbitListenerEndpointRegistry listeners;

    @Autowired
    DemoOutbox outbox;

    @AfterEach
    void mailServerAndCourierBack() {
        if (!EmbeddedSmtpInitializer.smtp().isRunning()) {
            EmbeddedSmtpInitializer.up();
        }
        listeners.start();
    }

    @Test
    void a_message_asked_for_twice_is_emailed_once_and_recorded_as_sent() {
        String to = uniqueEmail();
        String id = UUID.randomUUID().toString();
        commands.sendAndWait(new QueueNotification(id, orderPaid(to)));
        commands.sendAndWait(new QueueNotification(id, orderPaid(to)));

        awaitEvents(id, "NotificationQueued", "NotificationSent");
        assertThat(emailsTo(to)).singleElement()
                .satisfies(email -> assertThat(email.getSubject()).contains("order-7"));
    }

    @Test
    void the_same_message_delivered_twice_by_the_broker_is_emailed_once() {
        String to = uniqueEmail();
        String id = UUID.randomUUID().toString();
        listeners.stop();
        commands.sendAndWait(new QueueNotification(id, orderPaid(to)));
        await().atMost(PATIENCE).until(() -> messagesOn(NotificationQueues.EMAIL) == 1);
        queue.publish(new Envelope(id, orderPaid(to), null));
        // what Prometheus sees of the queue meanwhile
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                        RestTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build()
                                .get().uri("/actuator/prometheus").exchange().returnResult(String.class).getResponseBody())
                .containsPattern("storefront_notification_queue_messages\\{[^}]*queue=\"notifications.email\"[^}]*\\} 2\\.0"));
        listeners.start();

        await().atMost(PATIENCE).until(() -> messagesOn(NotificationQueues.EMAIL) == 0);
        awaitEvents(id, "NotificationQueued", "NotificationSent");
        assertThat(emailsTo(to)).hasSize(1);
    }

    @Test
    void a_verification_code_is_emailed_and_confirms_the_address() {
        String email = uniqueEmail();
        String userId = register(email);
        http.post().uri("/api/users/{id}/verifications", userId).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("channel", "EMAIL")).exchange().expectStatus().isAccepted();

        await().atMost(PATIENCE).until(() -> emailsTo(email).size() == 1);
        String code = GreenMailUtil.getBody(emailsTo(email).getFirst()).replaceAll("(?s).*?\\b(\\d{6})\\b.*", "$1");
        http.post().uri("/api/users/{id}/verifications/confirmation", userId).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("channel", "EMAIL", "code", code)).exchange().expectStatus().isNoContent();
        assertThat(stored.containing(code)).as("the code is in no event").isZero();
    }

    @Test
    void a_phone_verification_code_goes_by_text_message_and_confirms_the_phone() {
        String phone = "+62812" + (10_000_000 + new java.util.Random().nextInt(89_999_999));
        String userId = (String) http.post().uri("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("password", "correct horse battery", "name", "Ayu", "email", uniqueEmail(), "phone", phone))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");
        http.post().uri("/api/users/{id}/verifications", userId).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("channel", "PHONE")).exchange().expectStatus().isAccepted();

        await().atMost(PATIENCE).until(() -> outbox.messages(phone).size() == 1);
        DemoOutbox.Message sms = outbox.messages(phone).getFirst();
        assertThat(sms.channel()).isEqualTo("SMS");
        String code = sms.text().replaceAll(".*?\\b(\\d{6})\\b.*", "$1");
        http.post().uri("/api/users/{id}/verifications/confirmation", userId).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("channel", "PHONE", "code", code)).exchange().expectStatus().isNoContent();
    }

    @Test
    void without_the_broker_a_verification_request_is_a_503_and_leaves_nothing_behind() {
        String email = uniqueEmail();
        String userId = register(email);
        LocalBroker broker = EmbeddedRabbitInitializer.broker();
        broker.stop();
        try {
            http.post().uri("/api/users/{id}/verifications", userId).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("channel", "EMAIL")).exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().exists("Retry-After");
        } finally {
            broker.start();
        }
        assertThat(stored.types(userId)).containsExactly("UserRegistered");

        http.post().uri("/api/users/{id}/verifications", userId).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("channel", "EMAIL")).exchange().expectStatus().isAccepted();
        await().atMost(PATIENCE).until(() -> emailsTo(email).size() == 1);
    }

    @Test
    void while_the_mail_server_is_down_a_message_is_retried_and_delivered_once_it_is_back() {
        String to = uniqueEmail();
        String id = UUID.randomUUID().toString();
        EmbeddedSmtpInitializer.down();
        commands.sendAndWait(new QueueNotification(id, orderPaid(to)));
        await().atMost(PATIENCE).until(() -> stored.types(id).contains(type("NotificationDeliveryFailed")));

        EmbeddedSmtpInitializer.up();
        await().atMost(PATIENCE).until(() -> emailsTo(to).size() == 1);
        awaitEvents(id, "NotificationQueued", "NotificationDeliveryFailed", "NotificationSent");
        assertThat(stored.types(id)).doesNotContain(type("NotificationParked"));
    }

    @Test
    void a_message_that_keeps_failing_is_parked_and_an_operator_sends_it_again() {
        String to = uniqueEmail();
        String id = UUID.randomUUID().toString();
        EmbeddedSmtpInitializer.down();
        commands.sendAndWait(new QueueNotification(id, orderPaid(to)));
        await().atMost(PATIENCE).until(() -> stored.types(id).contains(type("NotificationParked")));
        // one attempt and one per pause
        assertThat(stored.types(id)).filteredOn(type("NotificationDeliveryFailed")::equals).hasSize(4);

        String parked = http.get().uri("/api/admin/notifications/parked").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(parked).contains(id).contains("\"attempts\":4").doesNotContain(to);

        EmbeddedSmtpInitializer.up();
        http.post().uri("/api/admin/notifications/parked/{id}/resend", id).exchange().expectStatus().isAccepted();
        await().atMost(PATIENCE).until(() -> emailsTo(to).size() == 1);
        await().atMost(PATIENCE).until(() -> stored.types(id).getLast().equals(type("NotificationSent")));
        assertThat(http.get().uri("/api/admin/notifications/parked").exchange()
                .expectBody(String.class).returnResult().getResponseBody()).doesNotContain(id);
        http.post().uri("/api/admin/notifications/parked/{id}/resend", id).exchange().expectStatus().isNotFound();
    }

    @Test
    void messages_on_the_queue_and_one_queued_while_the_broker_is_down_all_arrive_after_its_restart() {
        String to = uniqueEmail();
        List<String> ids = IntStream.range(0, 5).mapToObj(i -> UUID.randomUUID().toString()).toList();
        listeners.stop();
        ids.forEach(id -> commands.sendAndWait(new QueueNotification(id, orderPaid(to))));
        await().atMost(PATIENCE).until(() -> messagesOn(NotificationQueues.EMAIL) == ids.size());

        LocalBroker broker = EmbeddedRabbitInitializer.broker();
        broker.stop();
        String queuedWhileDown = UUID.randomUUID().toString();
        commands.sendAndWait(new QueueNotification(queuedWhileDown, orderPaid(to)));
        broker.start();
        listeners.start();

        await().atMost(PATIENCE).until(() -> emailsTo(to).size() == ids.size() + 1);
        for (String id : ids) {
            awaitEvents(id, "NotificationQueued", "NotificationSent");
        }
        awaitEvents(queuedWhileDown, "NotificationQueued", "NotificationSent");
    }

    private String register(String email) {
        return (String) http.post().uri("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("password", "correct horse battery", "name", "Siti", "email", email))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");
    }

    private void awaitEvents(String id, String... types) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(stored.types(id))
                .containsSubsequence(Arrays.stream(types).map(NotificationDeliveryTest::type).toList())
                .last().isEqualTo(type(types[types.length - 1])));
    }

    /** The store names an event by its simple name (see EventStoreFormat). */
    private static String type(String simpleName) {
        return simpleName;
    }

    private long messagesOn(String queueName) {
        var info = admin.getQueueInfo(queueName);
        return info == null ? -1 : info.getMessageCount();
    }

    private static Message orderPaid(String to) {
        return new Message("customer-1", Channel.EMAIL, NotificationKind.ORDER_PAID, to, "en",
                new OrderFacts("order-7", List.of(new OrderFacts.Line("Kopi Toraja", 2, Money.of("12.50", "USD"))),
                        Money.of("25.00", "USD"), null));
    }

    private static String uniqueEmail() {
        return "customer-" + UUID.randomUUID() + "@example.com";
    }
}
