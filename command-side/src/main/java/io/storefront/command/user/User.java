package io.storefront.command.user;

import io.storefront.api.notification.Channel;
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
import io.storefront.command.EventStoreConfiguration;
import io.storefront.command.TooSoon;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A customer's account: who they are and which of their contacts they have proven to own. */
@Aggregate(cache = EventStoreConfiguration.AGGREGATE_CACHE)
class User {

    static final Duration CODE_LIFETIME = Duration.ofMinutes(15);
    static final Duration RESEND_INTERVAL = Duration.ofMinutes(1);
    static final int CODES_PER_DAY = 10;
    static final Duration DAY = Duration.ofDays(1);
    static final int MAX_FAILED_ATTEMPTS = 5;
    static final String DEFAULT_LANGUAGE = "en";

    @AggregateIdentifier
    private String userId;
    private String email;
    private String name;
    private String phone;
    private String language = DEFAULT_LANGUAGE;
    private Set<Channel> optedOut = Set.of();
    private final Map<VerificationChannel, PendingVerification> pending = new EnumMap<>(VerificationChannel.class);
    private final Set<VerificationChannel> verified = EnumSet.noneOf(VerificationChannel.class);
    /** When codes went out, kept through changes of the contacts: a new number does not buy new codes. */
    private final Map<VerificationChannel, Instant> lastCodeSent = new EnumMap<>(VerificationChannel.class);
    /** When the last {@link #CODES_PER_DAY} codes went out, on any channel. */
    private final Deque<Instant> recentCodes = new ArrayDeque<>(CODES_PER_DAY);

    private record PendingVerification(Instant expiresAt, int failedAttempts) {

        PendingVerification failedOnce() {
            return new PendingVerification(expiresAt, failedAttempts + 1);
        }
    }

    User() {
    }

    @CommandHandler
    User(RegisterUser command, EmailRegistry emails, Clock clock) {
        String email = normalized(command.email());
        emails.claim(email, command.userId());
        apply(new UserRegistered(command.userId(), command.name().strip(), email, command.phone(), clock.instant()));
    }

    @CommandHandler
    void handle(UpdateUserProfile command, Actor actor) {
        actor.requireOwner(userId, userId);
        String newName = command.name().strip();
        if (newName.equals(name) && Objects.equals(command.phone(), phone)) {
            return;
        }
        apply(new UserProfileUpdated(userId, newName, command.phone()));
    }

    @CommandHandler
    void handle(RequestVerification command, Actor actor, VerificationCodes codes, Clock clock) {
        actor.requireOwner(userId, userId);
        VerificationChannel channel = command.channel();
        String destination = destinationFor(channel);
        if (verified.contains(channel)) {
            throw new BusinessRuleViolation("The " + label(channel) + " is verified already");
        }
        Instant now = clock.instant();
        Instant last = lastCodeSent.get(channel);
        if (last != null && now.isBefore(last.plus(RESEND_INTERVAL))) {
            throw new TooSoon("A code was sent less than a minute ago", Duration.between(now, last.plus(RESEND_INTERVAL)));
        }
        if (recentCodes.size() >= CODES_PER_DAY && now.isBefore(recentCodes.getFirst().plus(DAY))) {
            throw new TooSoon("At most " + CODES_PER_DAY + " codes are sent in a day",
                    Duration.between(now, recentCodes.getFirst().plus(DAY)));
        }
        apply(new VerificationRequested(userId, channel, now, now.plus(CODE_LIFETIME)));
        codes.issue(userId, channel, destination, language, now);
    }

    /** Nothing about the user changes: only the owner learns of the attempt, in their language. */
    @CommandHandler
    void handle(WarnOfRegistrationAttempt command, AccountNotices notices) {
        notices.registrationAttempted(userId, email, language);
    }

    @CommandHandler
    void handle(ChangeNotificationPreferences command, Actor actor) {
        actor.requireOwner(userId, userId);
        if (command.language().equals(language) && command.optedOut().equals(optedOut)) {
            return;
        }
        apply(new NotificationPreferencesChanged(userId, command.language(), Set.copyOf(command.optedOut())));
    }

    /** Answers whether the code was right; a wrong code is recorded, so that attempts are counted. */
    @CommandHandler
    boolean handle(ConfirmVerification command, Actor actor, VerificationCodes codes, Clock clock) {
        actor.requireOwner(userId, userId);
        VerificationChannel channel = command.channel();
        if (verified.contains(channel)) {
            return true;
        }
        PendingVerification verification = pending.get(channel);
        if (verification == null) {
            throw new BusinessRuleViolation("No code was sent to the " + label(channel));
        }
        if (verification.failedAttempts() >= MAX_FAILED_ATTEMPTS) {
            throw new BusinessRuleViolation("Too many wrong codes; request a new one");
        }
        Instant now = clock.instant();
        if (now.isAfter(verification.expiresAt())) {
            throw new BusinessRuleViolation("The code has expired; request a new one");
        }
        if (!codes.matches(userId, channel, command.code())) {
            apply(new VerificationCodeRejected(userId, channel, verification.failedAttempts() + 1));
            return false;
        }
        apply(new ContactVerified(userId, channel, now));
        return true;
    }

    @EventSourcingHandler
    void on(UserRegistered event) {
        userId = event.userId();
        name = event.name();
        email = event.email();
        phone = event.phone();
    }

    @EventSourcingHandler
    void on(UserProfileUpdated event) {
        name = event.name();
        if (!Objects.equals(event.phone(), phone)) {
            verified.remove(VerificationChannel.PHONE);
            pending.remove(VerificationChannel.PHONE);
        }
        phone = event.phone();
    }

    @EventSourcingHandler
    void on(VerificationRequested event) {
        pending.put(event.channel(), new PendingVerification(event.expiresAt(), 0));
        lastCodeSent.put(event.channel(), event.requestedAt());
        if (recentCodes.size() == CODES_PER_DAY) {
            recentCodes.removeFirst();
        }
        recentCodes.addLast(event.requestedAt());
    }

    @EventSourcingHandler
    void on(VerificationCodeRejected event) {
        pending.computeIfPresent(event.channel(), (channel, verification) -> verification.failedOnce());
    }

    @EventSourcingHandler
    void on(NotificationPreferencesChanged event) {
        language = event.language();
        optedOut = event.optedOut();
    }

    @EventSourcingHandler
    void on(ContactVerified event) {
        pending.remove(event.channel());
        verified.add(event.channel());
    }

    private String destinationFor(VerificationChannel channel) {
        return switch (channel) {
            case EMAIL -> email;
            case PHONE -> {
                if (phone == null) {
                    throw new BusinessRuleViolation("There is no phone number to verify");
                }
                yield phone;
            }
        };
    }

    private static String label(VerificationChannel channel) {
        return channel == VerificationChannel.EMAIL ? "email address" : "phone number";
    }

    static String normalized(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
