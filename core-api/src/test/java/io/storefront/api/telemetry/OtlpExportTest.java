package io.storefront.api.telemetry;

import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.logging.otlp.OtlpLoggingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class OtlpExportTest {

    private final ApplicationContextRunner app = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
            OpenTelemetrySdkAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class,
            OtlpTracingAutoConfiguration.class, OpenTelemetryLoggingAutoConfiguration.class,
            OtlpLoggingAutoConfiguration.class, OtlpExport.class));

    @Test
    void without_a_collector_nothing_is_exported() {
        app.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBeansOfType(SpanExporter.class)).isEmpty();
            assertThat(context.getBeansOfType(LogRecordExporter.class)).isEmpty();
            assertThat(context).doesNotHaveBean(LogExport.class);
        });
    }

    @Test
    void the_standard_variable_sends_spans_and_log_records_to_the_collector_by_otlp_over_http() {
        app.withPropertyValues("OTEL_EXPORTER_OTLP_ENDPOINT=http://otel-collector:4318/").run(context -> {
            assertThat(context.getBean(OtlpHttpSpanExporter.class).toString())
                    .contains("endpoint=http://otel-collector:4318/v1/traces");
            assertThat(context.getBean(OtlpHttpLogRecordExporter.class).toString())
                    .contains("endpoint=http://otel-collector:4318/v1/logs");
            assertThat(context).hasSingleBean(LogExport.class);
        });
    }

    @Test
    void boots_own_property_names_the_endpoint_of_the_logs_alone() {
        app.withPropertyValues("management.opentelemetry.logging.export.otlp.endpoint=http://logs:4318/v1/logs").run(context -> {
            assertThat(context.getBeansOfType(SpanExporter.class)).isEmpty();
            assertThat(context.getBean(OtlpHttpLogRecordExporter.class).toString()).contains("endpoint=http://logs:4318/v1/logs");
            assertThat(context).hasSingleBean(LogExport.class);
        });
    }
}
