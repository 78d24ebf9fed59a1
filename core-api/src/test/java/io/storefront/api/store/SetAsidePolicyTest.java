package io.storefront.api.store;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.io.IOException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which failures set an event aside, and which the processor tries again by itself. */
class SetAsidePolicyTest {

    private final DeadLetters.SetAsidePolicy policy = new DeadLetters.SetAsidePolicy();
    private final EventMessage<?> event = GenericEventMessage.asEventMessage("UserRegistered");

    @Test
    void a_failure_that_will_not_pass_sets_the_event_aside_at_once_with_a_storable_cause() {
        var failure = new DataIntegrityViolationException("invalid byte sequence: Budi\u0000");

        EnqueueDecision<EventMessage<?>> decision = policy.decide(new GenericDeadLetter<>("user-1", event, failure), failure);

        assertThat(decision.shouldEnqueue()).isTrue();
        assertThat(decision.enqueueCause()).hasValueSatisfying(
                cause -> assertThat(cause.getMessage()).isEqualTo("invalid byte sequence: Budi?"));
        assertThat(decision.withDiagnostics(new GenericDeadLetter<>("user-1", event)).diagnostics())
                .containsEntry(DeadLetters.SetAsidePolicy.ATTEMPTS_KEY, 1);
    }

    @Test
    void a_database_or_connection_away_is_thrown_back_so_that_the_processor_tries_again() {
        for (RuntimeException away : new RuntimeException[]{
                new DataAccessResourceFailureException("no connection", new SQLException("refused", "08001")),
                new CannotCreateTransactionException("no transaction"),
                new IllegalStateException("wrapped", new IOException("reset by peer"))}) {
            assertThatThrownBy(() -> policy.decide(new GenericDeadLetter<>("user-1", event, away), away)).isSameAs(away);
        }
    }

    @Test
    void a_letter_retried_by_an_administrator_goes_back_with_one_more_attempt_whatever_failed() {
        var away = new CannotCreateTransactionException("still no database");
        DeadLetter<EventMessage<?>> setAside = new GenericDeadLetter<EventMessage<?>>("user-1", event, away)
                .withDiagnostics(MetaData.with(DeadLetters.SetAsidePolicy.ATTEMPTS_KEY, 2));

        EnqueueDecision<EventMessage<?>> decision = policy.decide(setAside, away);

        assertThat(decision.shouldEnqueue()).isTrue();
        assertThat(decision.withDiagnostics(setAside).diagnostics()).containsEntry(DeadLetters.SetAsidePolicy.ATTEMPTS_KEY, 3);
    }
}
