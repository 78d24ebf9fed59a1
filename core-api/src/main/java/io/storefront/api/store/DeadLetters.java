package io.storefront.api.store;

import org.axonframework.common.AxonTransientException;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The second line of defence behind the commands' validation: an event that a projection or a policy
 * cannot handle is set aside in the processing group's dead-letter queue (Axon's, in a PostgreSQL table
 * beside the processor's tokens) and the processor goes on with later events. Later events of the same
 * aggregate are set aside behind it, so that every aggregate's events are still handled in order when an
 * administrator retries them ({@link DeadLetterAdmin}).
 *
 * <p>A failure that may pass (the database, the document store or a broker away, a timeout, a lock) is
 * never set aside: the processor backs off and reads the event again, as it always did, however long it
 * takes. Any other failure would fail the same way every time, so the event is set aside at once: trying
 * it again in the processor would hold up, and roll back, the other events of its batch. Each handler
 * runs in a savepoint of the processor's transaction, so that a failed handler leaves nothing
 * half-written and the transaction, which PostgreSQL would otherwise have aborted, can still record the
 * dead letter.
 */
public final class DeadLetters {

    private DeadLetters() {
    }

    /**
     * Gives each group a dead-letter queue in {@code table} (whose schema a migration creates), on the
     * connections and transactions of the processors' tokens, asked for when the queue is built.
     */
    public static void setAside(EventProcessingConfigurer processing, Collection<String> groups, String table,
                                Supplier<ConnectionProvider> connections, Supplier<TransactionManager> transactions) {
        DeadLetterSchema schema = DeadLetterSchema.builder().deadLetterTable(table).build();
        SetAsidePolicy policy = new SetAsidePolicy();
        groups.forEach(group -> processing
                .registerDeadLetterQueue(group, configuration -> JdbcSequencedDeadLetterQueue.builder()
                        .processingGroup(group)
                        .schema(schema)
                        .connectionProvider(connections.get())
                        .transactionManager(transactions.get())
                        .genericSerializer(configuration.serializer())
                        .eventSerializer(configuration.eventSerializer())
                        .build())
                .registerDeadLetterPolicy(group, configuration -> policy)
                // events are asked about their aggregate in memory, not in the table; a replay starts the group over, its dead letters too
                .registerDeadLetteringEventHandlerInvokerConfiguration(group, (configuration, invoker) ->
                        invoker.enableSequenceIdentifierCache().allowReset(true)));
    }

    /**
     * Runs every event handler of the groups in a savepoint of the transaction it is called in. Declared
     * as a bean, Axon wraps the handlers with it.
     */
    public static HandlerEnhancerDefinition savepoints(PlatformTransactionManager transactions, Collection<String> groups) {
        TransactionTemplate savepoint = new TransactionTemplate(transactions);
        savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        Set<String> wrapped = Set.copyOf(groups);
        return new HandlerEnhancerDefinition() {
            @Override
            public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> handler) {
                ProcessingGroup group = handler.declaringClass().getAnnotation(ProcessingGroup.class);
                if (group == null || !wrapped.contains(group.value()) || !handler.canHandleMessageType(EventMessage.class)) {
                    return handler;
                }
                return new WrappedMessageHandlingMember<>(handler) {
                    @Override
                    public Object handle(Message<?> message, T target) throws Exception {
                        try {
                            return savepoint.execute(status -> {
                                try {
                                    return super.handle(message, target);
                                } catch (Exception e) {
                                    throw new HandlerFailed(e);
                                }
                            });
                        } catch (HandlerFailed failed) {
                            throw failed.failure;
                        }
                    }
                };
            }
        };
    }

    /** Carries a handler's failure out of the savepoint, which it rolls back. */
    private static final class HandlerFailed extends RuntimeException {

        private final Exception failure;

        HandlerFailed(Exception failure) {
            super(failure.getMessage(), failure, false, false);
            this.failure = failure;
        }
    }

    /** See the class comment. A letter an administrator retries goes back on failure, its attempts counted. */
    static final class SetAsidePolicy implements EnqueuePolicy<EventMessage<?>> {

        static final String ATTEMPTS_KEY = "attempts";

        @Override
        public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable failure) {
            if (isRetry(letter)) {
                return Decisions.requeue(cause(failure), retried -> retried.diagnostics().and(ATTEMPTS_KEY, attempts(retried) + 1));
            }
            if (mayPass(failure)) {
                throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
            }
            return Decisions.enqueue(cause(failure), setAside -> MetaData.with(ATTEMPTS_KEY, 1));
        }

        /** A letter from the queue: set aside after failing ({@link #ATTEMPTS_KEY} noted) or behind one (no cause). */
        private static boolean isRetry(DeadLetter<?> letter) {
            return letter.diagnostics().containsKey(ATTEMPTS_KEY) || letter.cause().isEmpty();
        }

        static int attempts(DeadLetter<?> letter) {
            return letter.diagnostics().get(ATTEMPTS_KEY) instanceof Number attempts ? attempts.intValue() : 0;
        }

        /** The failure as stored: its type and message, without control characters, cut to the column's size. */
        private static ThrowableCause cause(Throwable failure) {
            String message = Objects.toString(failure.getMessage(), "").replaceAll("\\p{Cc}", "?");
            return new ThrowableCause(failure.getClass().getName(),
                    message.substring(0, Math.min(message.length(), ThrowableCause.TRUNCATED_MESSAGE_SIZE)));
        }

        /** Whether the failure, or one it was caused by, is of a kind that goes away by itself. */
        private static boolean mayPass(Throwable failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
                if (cause instanceof AxonTransientException || cause instanceof TransientDataAccessException
                        || cause instanceof RecoverableDataAccessException || cause instanceof DataAccessResourceFailureException
                        || cause instanceof CannotCreateTransactionException || cause instanceof SQLTransientException
                        || cause instanceof SQLRecoverableException || cause instanceof IOException
                        || cause instanceof TimeoutException) {
                    return true;
                }
            }
            return false;
        }
    }
}
