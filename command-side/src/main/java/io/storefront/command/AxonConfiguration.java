package io.storefront.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.storefront.api.store.EventStoreFormat;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.ExponentialBackOffIntervalRetryScheduler;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.common.ExceptionUtils;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.interceptors.BeanValidationInterceptor;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Axon's serializer, clock, correlation, transactions and command validation; the sagas app runs its policies on them too. */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    /** Axon's serializer writes events in the stored format the query side reads too. */
    @Bean
    ObjectMapper axonObjectMapper() {
        return EventStoreFormat.objectMapper();
    }

    /** The only source of "now": aggregates get their time from it, never from the system clock. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Correlation id and causation (Axon's trace id) of every message, passed on to what it causes. */
    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    /**
     * Axon's units of work in Spring's transactions, so that events, tokens and the rows written beside
     * them with JdbcClient commit together. Declared because Axon 4's auto-configuration, ordered against
     * Boot 3's transaction configuration, misses Boot 4's and falls back to no transactions at all.
     */
    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactions) {
        return new SpringTransactionManager(transactions);
    }

    /**
     * A policy sends its commands inside the transaction of the event it handles, so that the events
     * they cause and the processor's token commit together. A command the domain refuses there rolls
     * back its own work only: it must not doom the policy's transaction, which goes on to record that
     * the event was handled.
     */
    @Bean
    TransactionManagerCustomizer<AbstractPlatformTransactionManager> refusedCommandsDoNotDoomTheirCaller() {
        return transactions -> transactions.setGlobalRollbackOnParticipationFailure(false);
    }

    /**
     * Commands are sent again when another instance appended to their aggregate first. Within one
     * instance Axon locks an aggregate while a command works on it; two instances on one store only
     * find out when the second append of a sequence number is refused (a {@link ConcurrencyException}).
     * The command is then decided again on the aggregate as it now is, a few times with growing pauses,
     * before the caller is told of the conflict (409). Nothing else is retried here: a refusal stands,
     * and a store that is away is the caller's to retry (503 with Retry-After).
     */
    @Bean
    CommandGateway commandGateway(CommandBus commandBus, MeterRegistry registry) {
        Counter retries = Counter.builder("storefront.command.retries")
                .description("commands sent again after another instance appended to their aggregate first")
                .register(registry);
        ScheduledExecutorService retryPauses = Executors.newSingleThreadScheduledExecutor(
                task -> Thread.ofPlatform().daemon().name("command-retries").unstarted(task));
        RetryScheduler onConcurrentAppends = new ExponentialBackOffIntervalRetryScheduler(
                ExponentialBackOffIntervalRetryScheduler.builder().retryExecutor(retryPauses).backoffFactor(10).maxRetryCount(5)) {

            @Override
            protected boolean isExplicitlyNonTransient(Throwable failure) {
                return ExceptionUtils.findException(failure, ConcurrencyException.class).isEmpty();
            }

            @Override
            protected boolean scheduleRetry(Runnable commandDispatch, long interval) {
                retries.increment();
                return super.scheduleRetry(commandDispatch, interval);
            }
        };
        return DefaultCommandGateway.builder().commandBus(commandBus).retryScheduler(onConcurrentAppends).build();
    }

    /** Every command is validated against its Bean Validation constraints when it is sent. */
    @Bean
    BeanValidationInterceptor<CommandMessage<?>> commandValidation() {
        return new BeanValidationInterceptor<>();
    }
}
