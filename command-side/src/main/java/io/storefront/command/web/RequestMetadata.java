package io.storefront.command.web;

import io.storefront.api.logging.CorrelationIdFilter;
import io.storefront.command.Actor;
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
import java.util.function.BiFunction;

/**
 * Stamps a command sent while serving an HTTP request with the request's correlation id and the
 * acting user and their role. Axon's correlation data providers then copy both onto every event the command causes.
 * In Axon's words the request's correlation id is the {@code traceId} (the whole conversation) and
 * {@code correlationId} names the direct cause: the command's own id. As a correlation data provider
 * it passes the acting user on from each message to the messages it causes.
 */
@Component
class RequestMetadata implements MessageDispatchInterceptor<CommandMessage<?>>, CorrelationDataProvider {

    private static final String ANONYMOUS = "anonymous";

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        // the role is not passed on: what a policy sends in reaction, it sends with the platform's authority
        Object actingUser = message.getMetaData().get(Actor.USER);
        return actingUser == null ? Map.of() : Map.of(Actor.USER, actingUser);
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> commands) {
        return (index, command) -> {
            if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
                return command;
            }
            var request = attributes.getRequest();
            Principal principal = request.getUserPrincipal();
            Actor.Role role = principal == null ? Actor.Role.ANONYMOUS
                    : request.isUserInRole(Actor.Role.ADMIN.name()) ? Actor.Role.ADMIN : Actor.Role.CUSTOMER;
            Actor actor = new Actor(principal == null ? ANONYMOUS : principal.getName(), role);
            return command.andMetaData(actor.metaData())
                    .andMetaData(Map.of(MessageOriginProvider.getDefaultTraceKey(), request.getAttribute(CorrelationIdFilter.ATTRIBUTE)));
        };
    }
}
