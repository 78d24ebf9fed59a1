package io.storefront.api.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import org.axonframework.tracing.SpanFactory;
import org.axonframework.tracing.opentelemetry.OpenTelemetrySpanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Axon's spans, named after their messages ({@code CommandBus.handleCommand(PlaceOrder)},
 * {@code StockPolicy.on(OrderPlaced)}), on the app's one OpenTelemetry: Spring Boot's, which also traces
 * HTTP and RabbitMQ and exports them. The span factory writes the trace context into every message's
 * metadata ({@code traceparent}), so a trace crosses the event store into the tracking processors of
 * every app. Axon's own default would take {@code GlobalOpenTelemetry}, a no-op here: Boot does not make
 * its SDK global, since one JVM may run several apps. An auto-configuration, so that every app that
 * runs Axon (command side, query side, sagas) has it.
 */
@AutoConfiguration(after = OpenTelemetrySdkAutoConfiguration.class,
        beforeName = "org.axonframework.springboot.autoconfig.OpenTelemetryAutoConfiguration")
@ConditionalOnClass(OpenTelemetrySpanFactory.class)
public class MessageTracing {

    @Bean
    SpanFactory spanFactory(OpenTelemetry openTelemetry) {
        return OpenTelemetrySpanFactory.builder()
                .tracer(openTelemetry.getTracer("AxonFramework-OpenTelemetry"))
                .contextPropagators(openTelemetry.getPropagators().getTextMapPropagator())
                .build();
    }
}
