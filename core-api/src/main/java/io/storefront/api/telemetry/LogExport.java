package io.storefront.api.telemetry;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.logback.appender.v1_0.OpenTelemetryAppender;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Hands Logback's events to the app's OpenTelemetry SDK, which exports them by OTLP, each with the trace
 * and span it was logged in; the console keeps its own format. Where several apps share a JVM (the
 * embedded default), each event goes once, through the appender of the app that started last.
 */
class LogExport implements SmartInitializingSingleton, DisposableBean {

    private static final String APPENDER = "OTLP";

    private final OpenTelemetry openTelemetry;
    private final Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
    private OpenTelemetryAppender appender;

    LogExport(OpenTelemetry openTelemetry) {
        this.openTelemetry = openTelemetry;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (root.getAppender(APPENDER) != null) {
            return;
        }
        appender = new OpenTelemetryAppender();
        appender.setName(APPENDER);
        appender.setContext(root.getLoggerContext());
        appender.setOpenTelemetry(openTelemetry);
        appender.start();
        root.addAppender(appender);
    }

    @Override
    public void destroy() {
        if (appender != null) {
            root.detachAppender(appender);
            appender.stop();
        }
    }
}
