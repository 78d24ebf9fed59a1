package io.storefront.command.notification;

import io.storefront.api.notification.Channel;
import io.storefront.api.notification.Message;
import io.storefront.api.notification.NotificationDeliveryFailed;
import io.storefront.api.notification.NotificationKind;
import io.storefront.api.notification.NotificationParked;
import io.storefront.api.notification.NotificationQueued;
import io.storefront.api.notification.NotificationResent;
import io.storefront.api.notification.NotificationSent;
import io.storefront.api.notification.OrderFacts;
import io.storefront.api.notification.ParkNotification;
import io.storefront.api.notification.QueueNotification;
import io.storefront.api.notification.RecordDeliveryFailure;
import io.storefront.api.notification.RecordNotificationSent;
import io.storefront.api.notification.ResendNotification;
import io.storefront.api.notification.StartDelivery;
import io.storefront.api.shared.Money;
import io.storefront.command.Conflict;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

class NotificationTest {

    private static final String ID = "notification-1";
    private static final Instant NOW = Instant.parse("2026-11-29T08:00:00Z");
    private static final Message PAID = new Message("customer-1", Channel.EMAIL, NotificationKind.ORDER_PAID,
            "ayu@example.com", "id", new OrderFacts("order-1",
            List.of(new OrderFacts.Line("Kopi Toraja", 2, Money.of("75000", "IDR"))), Money.of("150000", "IDR"), null));

    private FixtureConfiguration<Notification> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Notification.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void a_message_is_queued_once_however_often_it_is_asked_for() {
        fixture.givenNoPriorActivity()
                .when(new QueueNotification(ID, PAID))
                .expectEvents(new NotificationQueued(ID, PAID, NOW));
        fixture.given(new NotificationQueued(ID, PAID, NOW))
                .when(new QueueNotification(ID, PAID))
                .expectNoEvents();
    }

    @Test
    void a_queued_message_is_due_and_a_sent_one_is_not() {
        fixture.given(new NotificationQueued(ID, PAID, NOW))
                .when(new StartDelivery(ID))
                .expectResultMessagePayload(true);
        fixture.given(new NotificationQueued(ID, PAID, NOW), new NotificationSent(ID, 1, NOW))
                .when(new StartDelivery(ID))
                .expectResultMessagePayload(false);
    }

    @Test
    void failed_attempts_are_recorded_with_their_reason_until_the_message_is_sent() {
        fixture.given(new NotificationQueued(ID, PAID, NOW))
                .when(new RecordDeliveryFailure(ID, 1, "smtp: connection refused"))
                .expectEvents(new NotificationDeliveryFailed(ID, 1, "smtp: connection refused", NOW));
        fixture.given(new NotificationQueued(ID, PAID, NOW), new NotificationDeliveryFailed(ID, 1, "timeout", NOW))
                .when(new RecordNotificationSent(ID, 2))
                .expectEvents(new NotificationSent(ID, 2, NOW));
    }

    @Test
    void a_message_sent_twice_is_recorded_once() {
        fixture.given(new NotificationQueued(ID, PAID, NOW), new NotificationSent(ID, 1, NOW))
                .when(new RecordNotificationSent(ID, 1))
                .expectNoEvents();
        fixture.given(new NotificationQueued(ID, PAID, NOW), new NotificationSent(ID, 1, NOW))
                .when(new RecordDeliveryFailure(ID, 2, "late failure of a duplicate"))
                .expectNoEvents();
    }

    @Test
    void a_message_whose_attempts_are_spent_is_parked_once() {
        fixture.given(new NotificationQueued(ID, PAID, NOW))
                .when(new ParkNotification(ID, "smtp: connection refused"))
                .expectEvents(new NotificationParked(ID, "smtp: connection refused", NOW));
        fixture.given(new NotificationQueued(ID, PAID, NOW), new NotificationParked(ID, "down", NOW))
                .when(new ParkNotification(ID, "down"))
                .expectNoEvents();
    }

    @Test
    void an_operator_sends_a_parked_message_again_but_never_one_that_went_out() {
        fixture.given(new NotificationQueued(ID, PAID, NOW), new NotificationParked(ID, "down", NOW))
                .when(new ResendNotification(ID))
                .expectEvents(new NotificationResent(ID, NOW));
        fixture.given(new NotificationQueued(ID, PAID, NOW), new NotificationSent(ID, 1, NOW))
                .when(new ResendNotification(ID))
                .expectException(Conflict.class);
    }

    @Test
    void a_resent_message_is_due_again() {
        fixture.given(new NotificationQueued(ID, PAID, NOW), new NotificationParked(ID, "down", NOW),
                        new NotificationResent(ID, NOW))
                .when(new StartDelivery(ID))
                .expectResultMessagePayload(true);
    }
}
