package io.storefront.command.user;

import io.storefront.api.user.ChangeNotificationPreferences;
import io.storefront.api.user.ConfirmVerification;
import io.storefront.api.user.ContactVerified;
import io.storefront.api.user.NotificationPreferencesChanged;
import io.storefront.api.user.RegisterUser;
import io.storefront.api.user.RequestVerification;
import io.storefront.api.user.UpdateUserProfile;
import io.storefront.api.user.UserProfileUpdated;
import io.storefront.api.user.UserRegistered;
import io.storefront.api.user.VerificationChannel;
import io.storefront.api.user.VerificationCodeRejected;
import io.storefront.api.user.VerificationRequested;
import io.storefront.api.user.WarnOfRegistrationAttempt;
import io.storefront.command.Actor;
import io.storefront.command.BusinessRuleViolation;
import io.storefront.command.NotYours;
import io.storefront.command.Conflict;
import io.storefront.command.TooSoon;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.storefront.api.notification.Channel.PUSH;
import static io.storefront.api.notification.Channel.SMS;
import static io.storefront.api.user.VerificationChannel.EMAIL;
import static io.storefront.api.user.VerificationChannel.PHONE;
import static org.assertj.core.api.Assertions.assertThat;

class UserTest {

    private static final String USER = "user-1";
    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    private final Set<String> takenEmails = new HashSet<>();
    private final Map<VerificationChannel, String> sentCodes = new HashMap<>();
    private final List<String> notices = new ArrayList<>();
    private FixtureConfiguration<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
        at(NOW);
        noticesKept();
        fixture.registerInjectableResource((EmailRegistry) (email, userId) -> {
            if (!takenEmails.add(email)) {
                throw new Conflict("The email address is registered already");
            }
        });
        fixture.registerInjectableResource(new VerificationCodes() {
            @Override
            public void issue(String userId, VerificationChannel channel, String destination, String language, Instant now) {
                sentCodes.put(channel, "123456");
            }

            @Override
            public boolean matches(String userId, VerificationChannel channel, String code) {
                return code.equals(sentCodes.get(channel));
            }
        });
    }

    private void noticesKept() {
        fixture.registerInjectableResource((AccountNotices) (userId, email, language) ->
                notices.add(userId + " " + email + " " + language));
    }

    private void at(Instant instant) {
        fixture.registerInjectableResource(Clock.fixed(instant, ZoneOffset.UTC));
    }

    private static UserRegistered registered() {
        return new UserRegistered(USER, "Siti", "siti@example.com", "+6281234567890", NOW.minusSeconds(3600));
    }

    private static VerificationRequested phoneCodeSent(Instant at) {
        return new VerificationRequested(USER, PHONE, at, at.plus(User.CODE_LIFETIME));
    }

    private static VerificationRequested emailCodeSent(Instant at) {
        return new VerificationRequested(USER, EMAIL, at, at.plus(User.CODE_LIFETIME));
    }

    @Test
    void a_user_registers_with_a_normalized_email() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(USER, " Siti ", "Siti@Example.COM", null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new UserRegistered(USER, "Siti", "siti@example.com", null, NOW));
    }

    @Test
    void an_email_cannot_be_registered_twice() {
        takenEmails.add("siti@example.com");
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(USER, "Siti", "siti@example.com", null))
                .expectException(Conflict.class)
                .expectNoEvents();
    }

    @Test
    void a_profile_update_is_recorded() {
        fixture.given(registered())
                .when(new UpdateUserProfile(USER, "Siti Rahma", "+6281234567890"))
                .expectEvents(new UserProfileUpdated(USER, "Siti Rahma", "+6281234567890"));
    }

    @Test
    void only_the_user_or_an_administrator_changes_a_profile() {
        fixture.given(registered())
                .when(new UpdateUserProfile(USER, "Mallory", null), new Actor("user-2", Actor.Role.CUSTOMER).metaData())
                .expectException(NotYours.class)
                .expectNoEvents();
        fixture.given(registered())
                .when(new UpdateUserProfile(USER, "Siti Rahma", null), new Actor(USER, Actor.Role.CUSTOMER).metaData())
                .expectEvents(new UserProfileUpdated(USER, "Siti Rahma", null));
        fixture.given(registered())
                .when(new UpdateUserProfile(USER, "Siti R.", null), new Actor("admin-1", Actor.Role.ADMIN).metaData())
                .expectEvents(new UserProfileUpdated(USER, "Siti R.", null));
    }

    @Test
    void nobody_asks_for_another_users_verification_code() {
        fixture.given(registered())
                .when(new RequestVerification(USER, VerificationChannel.EMAIL), new Actor("user-2", Actor.Role.CUSTOMER).metaData())
                .expectException(NotYours.class)
                .expectNoEvents();
    }

    @Test
    void an_unchanged_profile_records_nothing() {
        fixture.given(registered())
                .when(new UpdateUserProfile(USER, "Siti", "+6281234567890"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_verification_code_is_sent_and_expires_after_fifteen_minutes() {
        fixture.given(registered())
                .when(new RequestVerification(USER, EMAIL))
                .expectEvents(new VerificationRequested(USER, EMAIL, NOW, NOW.plus(Duration.ofMinutes(15))));
    }

    @Test
    void a_phone_cannot_be_verified_when_there_is_none() {
        fixture.given(new UserRegistered(USER, "Siti", "siti@example.com", null, NOW))
                .when(new RequestVerification(USER, PHONE))
                .expectException(BusinessRuleViolation.class)
                .expectExceptionMessage("There is no phone number to verify");
    }

    @Test
    void a_code_is_not_resent_within_a_minute() {
        fixture.given(registered(), emailCodeSent(NOW.minusSeconds(59)))
                .when(new RequestVerification(USER, EMAIL))
                .expectException(TooSoon.class)
                .expectNoEvents();
    }

    @Test
    void a_new_phone_number_does_not_get_a_code_within_a_minute_of_the_last() {
        fixture.given(registered(), phoneCodeSent(NOW.minusSeconds(30)),
                        new UserProfileUpdated(USER, "Siti", "+6281111111111"))
                .when(new RequestVerification(USER, PHONE))
                .expectException(TooSoon.class)
                .expectNoEvents();
    }

    @Test
    void at_most_ten_codes_go_out_in_a_day_whatever_the_channels_and_numbers() {
        List<Object> history = new ArrayList<>(List.of(registered()));
        for (int code = 0; code < User.CODES_PER_DAY; code++) {
            Instant at = NOW.minus(Duration.ofHours(20)).plus(Duration.ofHours(2).multipliedBy(code));
            history.add(code % 2 == 0 ? phoneCodeSent(at) : emailCodeSent(at));
            history.add(new UserProfileUpdated(USER, "Siti", "+62811000000" + code));
        }
        fixture.given(history)
                .when(new RequestVerification(USER, EMAIL))
                .expectException(TooSoon.class)
                .expectNoEvents();
    }

    @Test
    void the_eleventh_code_goes_out_a_day_after_the_first() {
        List<Object> history = new ArrayList<>(List.of(registered()));
        for (int code = 0; code < User.CODES_PER_DAY; code++) {
            history.add(emailCodeSent(NOW.minus(Duration.ofHours(24)).plus(Duration.ofHours(2).multipliedBy(code))));
        }
        fixture.given(history)
                .when(new RequestVerification(USER, PHONE))
                .expectEvents(new VerificationRequested(USER, PHONE, NOW, NOW.plus(User.CODE_LIFETIME)));
    }

    @Test
    void the_owner_of_an_email_hears_of_an_attempt_to_register_it_in_their_language_and_nothing_changes() {
        fixture.given(registered(), new NotificationPreferencesChanged(USER, "id", Set.of()))
                .when(new WarnOfRegistrationAttempt(USER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        assertThat(notices).containsExactly(USER + " siti@example.com id");
    }

    @Test
    void a_code_may_be_resent_after_a_minute() {
        fixture.given(registered(), emailCodeSent(NOW.minusSeconds(60)))
                .when(new RequestVerification(USER, EMAIL))
                .expectEvents(emailCodeSent(NOW));
    }

    @Test
    void a_verified_contact_needs_no_new_code() {
        fixture.given(registered(), emailCodeSent(NOW.minusSeconds(600)), new ContactVerified(USER, EMAIL, NOW.minusSeconds(500)))
                .when(new RequestVerification(USER, EMAIL))
                .expectException(BusinessRuleViolation.class)
                .expectExceptionMessage("The email address is verified already");
    }

    @Test
    void the_right_code_verifies_the_contact() {
        sentCodes.put(EMAIL, "123456");
        fixture.given(registered(), emailCodeSent(NOW.minusSeconds(60)))
                .when(new ConfirmVerification(USER, EMAIL, "123456"))
                .expectResultMessagePayload(true)
                .expectEvents(new ContactVerified(USER, EMAIL, NOW));
    }

    @Test
    void a_wrong_code_is_counted() {
        sentCodes.put(EMAIL, "123456");
        fixture.given(registered(), emailCodeSent(NOW.minusSeconds(60)), new VerificationCodeRejected(USER, EMAIL, 1))
                .when(new ConfirmVerification(USER, EMAIL, "654321"))
                .expectResultMessagePayload(false)
                .expectEvents(new VerificationCodeRejected(USER, EMAIL, 2));
    }

    @Test
    void after_five_wrong_codes_even_the_right_one_is_refused() {
        sentCodes.put(EMAIL, "123456");
        fixture.given(registered(), emailCodeSent(NOW.minusSeconds(60)),
                        new VerificationCodeRejected(USER, EMAIL, 1), new VerificationCodeRejected(USER, EMAIL, 2),
                        new VerificationCodeRejected(USER, EMAIL, 3), new VerificationCodeRejected(USER, EMAIL, 4),
                        new VerificationCodeRejected(USER, EMAIL, 5))
                .when(new ConfirmVerification(USER, EMAIL, "123456"))
                .expectException(BusinessRuleViolation.class)
                .expectExceptionMessage("Too many wrong codes; request a new one");
    }

    @Test
    void an_expired_code_is_refused() {
        sentCodes.put(EMAIL, "123456");
        fixture.given(registered(), emailCodeSent(NOW.minus(Duration.ofMinutes(15)).minusSeconds(1)))
                .when(new ConfirmVerification(USER, EMAIL, "123456"))
                .expectException(BusinessRuleViolation.class)
                .expectExceptionMessage("The code has expired; request a new one");
    }

    @Test
    void a_code_cannot_be_confirmed_when_none_was_sent() {
        fixture.given(registered())
                .when(new ConfirmVerification(USER, EMAIL, "123456"))
                .expectException(BusinessRuleViolation.class)
                .expectExceptionMessage("No code was sent to the email address");
    }

    @Test
    void confirming_a_verified_contact_again_changes_nothing() {
        fixture.given(registered(), emailCodeSent(NOW.minusSeconds(600)), new ContactVerified(USER, EMAIL, NOW.minusSeconds(500)))
                .when(new ConfirmVerification(USER, EMAIL, "000000"))
                .expectResultMessagePayload(true)
                .expectNoEvents();
    }

    @Test
    void a_new_phone_number_must_be_verified_again() {
        fixture.given(registered(),
                        new VerificationRequested(USER, PHONE, NOW.minusSeconds(600), NOW.plusSeconds(300)),
                        new ContactVerified(USER, PHONE, NOW.minusSeconds(500)),
                        new UserProfileUpdated(USER, "Siti", "+6289999999999"))
                .when(new RequestVerification(USER, PHONE))
                .expectEvents(new VerificationRequested(USER, PHONE, NOW, NOW.plus(User.CODE_LIFETIME)));
    }

    @Test
    void a_customer_chooses_their_language_and_the_channels_they_want_nothing_on() {
        fixture.given(registered())
                .when(new ChangeNotificationPreferences(USER, "id", Set.of(SMS, PUSH)), new Actor(USER, Actor.Role.CUSTOMER).metaData())
                .expectEvents(new NotificationPreferencesChanged(USER, "id", Set.of(SMS, PUSH)));
    }

    @Test
    void unchanged_notification_preferences_record_nothing() {
        fixture.given(registered())
                .when(new ChangeNotificationPreferences(USER, User.DEFAULT_LANGUAGE, Set.of()))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(registered(), new NotificationPreferencesChanged(USER, "id", Set.of(SMS)))
                .when(new ChangeNotificationPreferences(USER, "id", Set.of(SMS)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void nobody_changes_another_customers_notification_preferences() {
        fixture.given(registered())
                .when(new ChangeNotificationPreferences(USER, "id", Set.of(SMS)), new Actor("user-2", Actor.Role.CUSTOMER).metaData())
                .expectException(NotYours.class)
                .expectNoEvents();
    }
}
