package io.storefront.command.web;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Stamps a command sent while serving an HTTP request with the request's correlation id and the
 * acting user. Axon's correlation data providers then copy both onto every event the command causes.
 * In Axon's words the request's correlation id is the {@code traceId} (the whole conversation) and
 * {@code correlationId} names the direct cause: the command's own id. As a correlation data provider
 * it passes the acting user on from each message to the messages it causes.
 */
@Component
class RequestMetadata implements MessageDispatchInterceptor<CommandMessage<?>>, CorrelationDataProvider {

    static final String ACTING_USER = "actingUser";
    static final String ANONYMOUS = "anonymous";

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Object actingUser = message.getMetaData().get(ACTING_USER);
        return actingUser == null ? Map.of() : Map.of(ACTING_USER, actingUser);
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> commands) {
        return (index, command) -> {
            if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
                return command;
            }
            var request = attributes.getRequest();
            String actingUser = Optional.ofNullable(request.getUserPrincipal()).map(Principal::getName).orElse(ANONYMOUS);
            return command.andMetaData(Map.of(
                    MessageOriginProvider.getDefaultTraceKey(), request.getAttribute(CorrelationIdFilter.ATTRIBUTE),
                    ACTING_USER, actingUser));
        };
    }
}
