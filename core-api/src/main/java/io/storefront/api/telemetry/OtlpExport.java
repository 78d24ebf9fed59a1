package io.storefront.api.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.logback.appender.v1_0.OpenTelemetryAppender;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingConnectionDetails;
import org.springframework.boot.opentelemetry.autoconfigure.logging.otlp.OtlpLoggingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.logging.otlp.OtlpLoggingConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Where an app's spans and log records go: by OTLP over HTTP (protobuf) to the collector that
 * OpenTelemetry's standard variable {@code OTEL_EXPORTER_OTLP_ENDPOINT} names (its {@code /v1/traces} and
 * {@code /v1/logs}), or to the full URLs of Spring Boot's {@code management.opentelemetry.tracing.export.otlp.endpoint}
 * and {@code management.opentelemetry.logging.export.otlp.endpoint}. With neither, nothing is exported
 * and no collector is ever called. An auto-configuration, before Boot's OTLP ones, which then take
 * these connection details.
 */
@AutoConfiguration(before = {OtlpTracingAutoConfiguration.class, OtlpLoggingAutoConfiguration.class})
@ConditionalOnClass({OtlpTracingAutoConfiguration.class, OpenTelemetryAppender.class})
public class OtlpExport {

    static final String COLLECTOR = "OTEL_EXPORTER_OTLP_ENDPOINT";
    static final String LOGS_ENDPOINT = "management.opentelemetry.logging.export.otlp.endpoint";

    @Bean
    @Conditional(LogsExported.class)
    LogExport logExport(OpenTelemetry openTelemetry) {
        return new LogExport(openTelemetry);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(COLLECTOR)
    static class StandardVariable {

        @Bean
        OtlpTracingConnectionDetails collectorForSpans(Environment environment) {
            String url = url(environment, "/v1/traces");
            return transport -> url;
        }

        @Bean
        OtlpLoggingConnectionDetails collectorForLogs(Environment environment) {
            String url = url(environment, "/v1/logs");
            return transport -> url;
        }

        private static String url(Environment environment, String signal) {
            return environment.getRequiredProperty(COLLECTOR).replaceAll("/+$", "") + signal;
        }
    }

    static class LogsExported extends AnyNestedCondition {

        LogsExported() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnProperty(COLLECTOR)
        static class ToTheCollector {
        }

        @ConditionalOnProperty(LOGS_ENDPOINT)
        static class ToTheirOwnEndpoint {
        }
    }
}
