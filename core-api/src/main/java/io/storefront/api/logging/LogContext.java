package io.storefront.api.logging;

import org.slf4j.MDC;

/**
 * What a log line is about, in the MDC: the correlation id of the request that caused it (Axon's
 * {@code traceId}) and the id of the acting user, never their email. Boot's ECS log format nests these
 * keys into {@code correlation.id} and {@code user.id}; trace and span ids are tracing's own keys.
 * Closing puts back what was there, so that a command handled within a request leaves the request's context.
 */
public final class LogContext implements AutoCloseable {

    public static final String CORRELATION_ID = "correlation.id";
    public static final String USER_ID = "user.id";

    private final String outerCorrelationId;
    private final String outerUserId;

    private LogContext(String outerCorrelationId, String outerUserId) {
        this.outerCorrelationId = outerCorrelationId;
        this.outerUserId = outerUserId;
    }

    /** Sets both keys (a null one is left out) until the context is closed. */
    public static LogContext of(String correlationId, String userId) {
        LogContext context = new LogContext(MDC.get(CORRELATION_ID), MDC.get(USER_ID));
        set(CORRELATION_ID, correlationId);
        set(USER_ID, userId);
        return context;
    }

    @Override
    public void close() {
        set(CORRELATION_ID, outerCorrelationId);
        set(USER_ID, outerUserId);
    }

    private static void set(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
