package io.storefront.api.telemetry;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.logback.appender.v1_0.OpenTelemetryAppender;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Ships the app's log events to the OpenTelemetry collector, each with the trace and span it was
 * logged in, when {@code management.opentelemetry.logging.export.otlp.endpoint} is set: Spring Boot
 * exports the SDK's log records there, and this appender hands Logback's events to the SDK. The console
 * keeps its own format. Where several apps share a JVM (the embedded default), each event goes once,
 * through the appender of the app that started last. An app imports this class.
 */
@ConditionalOnProperty("management.opentelemetry.logging.export.otlp.endpoint")
public class LogExport implements SmartInitializingSingleton, DisposableBean {

    private static final String APPENDER = "OTLP";

    private final OpenTelemetry openTelemetry;
    private final Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
    private OpenTelemetryAppender appender;

    public LogExport(OpenTelemetry openTelemetry) {
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
