package io.storefront.api.logging;

import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the correlation id and the acting user of each command, event and query into the log context
 * while it is handled, from its metadata: a policy's or a projection's log lines name the request that
 * set them off. Axon's Spring Boot support registers it on the command and query buses and on every
 * event processor. At DEBUG it names each message it sees, a thread through a checkout's log lines.
 */
public class MessageLogContext implements MessageHandlerInterceptor<Message<?>> {

    private static final Logger log = LoggerFactory.getLogger(MessageLogContext.class);

    /** The metadata key of the acting user's id (the command side's {@code Actor.USER}). */
    private static final String ACTING_USER = "actingUser";

    @Override
    public Object handle(UnitOfWork<? extends Message<?>> unitOfWork, InterceptorChain interceptorChain) throws Exception {
        Message<?> message = unitOfWork.getMessage();
        MetaData metaData = message.getMetaData();
        // a message sent outside any request or handler (a broker's listener, a scheduled task) starts its own
        // conversation: Axon then takes its id as the trace id of everything it causes
        Object traceId = metaData.getOrDefault(MessageOriginProvider.getDefaultTraceKey(), message.getIdentifier());
        try (LogContext ignored = LogContext.of(traceId.toString(), text(metaData.get(ACTING_USER)))) {
            log.debug("Handling {}", message.getPayloadType().getSimpleName());
            return interceptorChain.proceed();
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
