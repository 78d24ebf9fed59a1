package io.storefront.api.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import org.axonframework.tracing.SpanFactory;
import org.axonframework.tracing.opentelemetry.OpenTelemetrySpanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's spans, named after their messages ({@code CommandBus.handleCommand(PlaceOrder)},
 * {@code StreamingEventProcessor[orders-view].process(OrderPlaced)}), on the side's one OpenTelemetry:
 * Spring Boot's, which also traces HTTP and RabbitMQ and exports them. The span factory writes the trace
 * context into every message's metadata ({@code traceparent}), so a trace crosses the event store into
 * the tracking processors of every side. Axon's own default would take {@code GlobalOpenTelemetry}, a
 * no-op here: Boot does not make its SDK global, since one JVM may run several sides. A side imports this class.
 */
@Configuration(proxyBeanMethods = false)
public class MessageTracing {

    @Bean
    SpanFactory spanFactory(OpenTelemetry openTelemetry) {
        return OpenTelemetrySpanFactory.builder()
                .tracer(openTelemetry.getTracer("AxonFramework-OpenTelemetry"))
                .contextPropagators(openTelemetry.getPropagators().getTextMapPropagator())
                .build();
    }
}
