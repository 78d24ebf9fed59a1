package io.storefront.query;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.HashMap;
import java.util.Map;

/**
 * Hands each event's trace to the rows its projection writes, so that the change capture continues it:
 * before the handlers run, the transaction's setting {@code storefront.traceparent} names the span that
 * handles the event, and the captured tables' trigger (V9) copies it into the row's {@code trace_parent}.
 * A replayed event, or one without a trace, writes its rows without one: its spans would join a trace
 * long finished.
 */
class ChangeTracing implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final String TRACEPARENT = "traceparent";
    // set by an earlier event of the same batch, and so of the same transaction
    private static final String SET = ChangeTracing.class.getName() + ".set";

    private final JdbcClient jdbc;
    private final TextMapPropagator propagator;

    ChangeTracing(JdbcClient jdbc, TextMapPropagator propagator) {
        this.jdbc = jdbc;
        this.propagator = propagator;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        EventMessage<?> event = unitOfWork.getMessage();
        Map<String, Object> transaction = unitOfWork.root().resources();
        if (event.getMetaData().containsKey(TRACEPARENT) && !ReplayToken.isReplay(event)) {
            Map<String, String> handling = new HashMap<>();
            propagator.inject(Context.current(), handling, Map::put);
            traceParent(handling.getOrDefault(TRACEPARENT, ""));
            transaction.put(SET, true);
        } else if (transaction.remove(SET) != null) {
            traceParent("");
        }
        return chain.proceed();
    }

    private void traceParent(String traceParent) {
        jdbc.sql("SELECT set_config('storefront.traceparent', ?, true)").param(traceParent).query(String.class).single();
    }
}
