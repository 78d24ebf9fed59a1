package io.storefront.query.notification;

import io.storefront.api.notification.Channel;
import io.storefront.api.notification.Message;
import io.storefront.api.notification.NotificationKind;
import io.storefront.api.notification.ParkNotification;
import io.storefront.api.notification.QueueNotification;
import io.storefront.api.notification.RecordDeliveryFailure;
import io.storefront.api.notification.RecordNotificationSent;
import io.storefront.command.Actor;
import io.storefront.query.CommandSideRunning;
import io.storefront.query.QuerySideTest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.storefront.api.notification.Channel.EMAIL;
import static io.storefront.api.notification.Channel.PUSH;
import static io.storefront.api.notification.Channel.SMS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.awaitility.Awaitility.await;

/**
 * The history of the messages sent to customers, as they and the operators read it. The command side of
 * these tests runs without a broker, so each message's delivery record is written as the courier would
 * write it: through the Notification aggregate's commands.
 */
@QuerySideTest
class NotificationHistoryTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    RestTestClient query;

    private final CommandGateway commands = CommandSideRunning.commandGateway();
    private final String alice = "customer-" + UUID.randomUUID();
    private final String bob = "customer-" + UUID.randomUUID();

    @Test
    void a_message_that_failed_once_and_then_went_out_shows_each_step_in_order() {
        String id = queued(alice, EMAIL, "alice@example.com");
        commands.sendAndWait(new RecordDeliveryFailure(id, 1, "421 mailbox busy"));
        commands.sendAndWait(new RecordNotificationSent(id, 2));

        awaitStatus(id, "SENT");
        query.get().uri("/api/notifications/{id}", id).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.notification.status").isEqualTo("SENT")
                .jsonPath("$.notification.attempts").isEqualTo(2)
                .jsonPath("$.steps[*].step").isEqualTo(List.of("QUEUED", "FAILED", "SENT"))
                .jsonPath("$.steps[1].attempt").isEqualTo(1)
                .jsonPath("$.steps[1].reason").isEqualTo("421 mailbox busy")
                .jsonPath("$.steps[2].attempt").isEqualTo(2);
    }

    @Test
    void a_parked_message_waits_in_the_parked_list_for_an_administrator() {
        String parked = queued(alice, SMS, "+6281234567890");
        for (int attempt = 1; attempt <= 3; attempt++) {
            commands.sendAndWait(new RecordDeliveryFailure(parked, attempt, "provider unavailable"));
        }
        commands.sendAndWait(new ParkNotification(parked, "attempts spent"));
        String sent = queued(alice, EMAIL, "alice@example.com");
        commands.sendAndWait(new RecordNotificationSent(sent, 1));

        awaitStatus(parked, "PARKED");
        awaitStatus(sent, "SENT");
        query.get().uri("/api/notifications?status=PARKED&customerId={customer}", alice).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.totalItems").isEqualTo(1)
                .jsonPath("$.items[0].notificationId").isEqualTo(parked)
                .jsonPath("$.items[0].attempts").isEqualTo(3)
                .jsonPath("$.items[0].lastError").isEqualTo("attempts spent");
        query.get().uri("/api/notifications?status=PARKED&size=100").exchange()
                .expectBody()
                .jsonPath("$.items[*].notificationId").value(ids -> assertThat(ids).asInstanceOf(LIST)
                        .contains(parked).doesNotContain(sent))
                .jsonPath("$.items[*].status").value(statuses -> assertThat(statuses).asInstanceOf(LIST)
                        .containsOnly("PARKED"));
    }

    @Test
    void a_customer_reads_only_their_own_notifications() {
        String alicesEmail = queued(alice, EMAIL, "alice@example.com");
        String alicesPush = queued(alice, PUSH, "customer-" + alice);
        String bobs = queued(bob, EMAIL, "bob@example.com");
        awaitStatus(alicesEmail, "QUEUED");
        awaitStatus(alicesPush, "QUEUED");
        awaitStatus(bobs, "QUEUED");

        as(alice, query.get().uri("/api/notifications")).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.totalItems").isEqualTo(2)
                .jsonPath("$.items[*].notificationId").value(ids -> assertThat(ids).asInstanceOf(LIST)
                        .containsExactlyInAnyOrder(alicesEmail, alicesPush));
        // a customer's customerId filter does not reach past their own
        as(alice, query.get().uri("/api/notifications?customerId={other}", bob)).exchange()
                .expectBody()
                .jsonPath("$.items[*].customerId").value(owners -> assertThat(owners).asInstanceOf(LIST)
                        .containsOnly(alice));
        as(alice, query.get().uri("/api/notifications/{id}", alicesEmail)).exchange().expectStatus().isOk();
        as(alice, query.get().uri("/api/notifications/{id}", bobs)).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        as(bob, query.get().uri("/api/notifications/{id}", alicesEmail)).exchange().expectStatus().isNotFound();
    }

    @Test
    void an_administrator_reads_everybodys_notifications_and_filters_them_by_customer() {
        String alicesFirst = queued(alice, EMAIL, "alice@example.com");
        String alicesSecond = queued(alice, SMS, "+6281234567890");
        String bobs = queued(bob, EMAIL, "bob@example.com");
        awaitStatus(alicesFirst, "QUEUED");
        awaitStatus(alicesSecond, "QUEUED");
        awaitStatus(bobs, "QUEUED");

        query.get().uri("/api/notifications/{id}", bobs).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.notification.customerId").isEqualTo(bob);
        query.get().uri("/api/notifications?customerId={customer}", alice).exchange()
                .expectBody()
                .jsonPath("$.totalItems").isEqualTo(2)
                .jsonPath("$.items[*].notificationId").value(ids -> assertThat(ids).asInstanceOf(LIST)
                        .containsExactlyInAnyOrder(alicesFirst, alicesSecond));
        query.get().uri("/api/notifications?customerId={customer}", bob).exchange()
                .expectBody()
                .jsonPath("$.totalItems").isEqualTo(1)
                .jsonPath("$.items[0].notificationId").isEqualTo(bobs);
        query.get().uri("/api/notifications").exchange()
                .expectBody()
                .jsonPath("$.totalItems").value(total -> assertThat((Integer) total).isGreaterThanOrEqualTo(3));
    }

    @Test
    void email_addresses_and_phone_numbers_are_shown_masked() {
        String email = queued(alice, EMAIL, "alice.wonder@example.com");
        String sms = queued(alice, SMS, "+6281234567890");
        awaitStatus(email, "QUEUED");
        awaitStatus(sms, "QUEUED");

        query.get().uri("/api/notifications/{id}", email).exchange()
                .expectBody().jsonPath("$.notification.recipient").isEqualTo("a***@example.com");
        query.get().uri("/api/notifications/{id}", sms).exchange()
                .expectBody().jsonPath("$.notification.recipient").isEqualTo("+62*******7890");
        String list = as(alice, query.get().uri("/api/notifications")).exchange()
                .expectStatus().isOk()
                .returnResult(String.class).getResponseBody();
        assertThat(list).doesNotContain("alice.wonder").doesNotContain("81234567890");
    }

    @Test
    void an_unknown_status_is_a_400_problem() {
        query.get().uri("/api/notifications?status=BOGUS").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:storefront:problem:invalid-input")
                .jsonPath("$.errors[0].field").isEqualTo("status");
    }

    /** A message about the customer's account, queued as the notification policy would queue it. */
    private String queued(String customerId, Channel channel, String to) {
        String notificationId = "notification-" + UUID.randomUUID();
        commands.sendAndWait(new QueueNotification(notificationId,
                new Message(customerId, channel, NotificationKind.VERIFICATION_CODE, to, "en", null)));
        return notificationId;
    }

    private void awaitStatus(String notificationId, String status) {
        await().atMost(PATIENCE).untilAsserted(() -> query.get().uri("/api/notifications/{id}", notificationId)
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.notification.status").isEqualTo(status));
    }

    private static <S extends RestTestClient.RequestHeadersSpec<?>> S as(String customerId, S request) {
        request.header(HttpHeaders.AUTHORIZATION, "Bearer " + CommandSideRunning.token(customerId, Actor.Role.CUSTOMER));
        return request;
    }
}
