package io.storefront.api.telemetry;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MetricsConfigurerModule;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitorCallback;
import org.axonframework.queryhandling.QueryBus;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Axon's meters as the dashboards and alerts read them ({@code commandBus_successTimer|failureTimer} per
 * {@code payloadType}, {@code eventProcessor_successTimer|failureTimer} and {@code eventProcessor_latency} per
 * {@code processorName}; the buses' likewise), registered leaner than Axon's own module. That one gives each
 * processor a counter, a capacity reservoir and four timers with client-side percentiles, looked up in the
 * registry for every event, the events the processor ignores included: each event of a checkout reaches some
 * thirty processor segments and is handled by two or three, and those lookups were a tenth of the platform's
 * CPU in B1 (docs/benchmarks.md). Here a message's timers are found once per payload type, the latency
 * gauge is registered once, and an ignored event costs nothing but setting that gauge.
 */
@AutoConfiguration(beforeName = "org.axonframework.springboot.autoconfig.MicrometerMetricsAutoConfiguration")
@ConditionalOnClass({GlobalMetricRegistry.class, MeterRegistry.class})
public class MessageMetrics {

    /** Takes the place of Axon's module of the same type, which registers its monitors otherwise. */
    @Bean
    MetricsConfigurerModule metricsConfigurerModule(MeterRegistry registry) {
        // one monitor per component name, however often and under whichever type Axon asks: a processor's
        // second latency gauge would be refused by the registry, and its latency read from a monitor not used
        Map<String, MessageMonitor<Message<?>>> monitors = new ConcurrentHashMap<>();
        return new MetricsConfigurerModule(new GlobalMetricRegistry(registry)) {
            @Override
            public void configureModule(Configurer configurer) {
                configurer.configureMessageMonitor(configuration -> (type, name) ->
                        monitors.computeIfAbsent(name, component -> monitor(registry, type, name)));
            }
        };
    }

    /** A processor's monitor is only given events, as Axon's own registry assumes too. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static MessageMonitor<Message<?>> monitor(MeterRegistry registry, Class<?> type, String name) {
        if (EventProcessor.class.isAssignableFrom(type)) {
            Tags processor = Tags.of("processorName", name);
            return (MessageMonitor) new MultiMessageMonitor<EventMessage<?>>(new Timers("eventProcessor", registry, message -> processor),
                    latency(registry, processor));
        }
        if (CommandBus.class.isAssignableFrom(type) || EventBus.class.isAssignableFrom(type)
                || QueryBus.class.isAssignableFrom(type)) {
            return new Timers(name, registry, message -> Tags.of("payloadType", message.getPayloadType().getSimpleName()));
        }
        return NoOpMessageMonitor.instance();
    }

    /**
     * How far behind a processor is: the age in milliseconds of the last event it was given, as Axon's
     * {@code eventProcessor.latency}; registered once, where Axon's monitor registers it again for every event.
     */
    private static MessageMonitor<EventMessage<?>> latency(MeterRegistry registry, Tags processor) {
        AtomicLong ageMillis = new AtomicLong();
        Gauge.builder("eventProcessor.latency", ageMillis, AtomicLong::get).tags(processor).register(registry);
        return message -> {
            ageMillis.set(registry.config().clock().wallTime() - message.getTimestamp().toEpochMilli());
            return NoOpMessageMonitorCallback.INSTANCE;
        };
    }

    /** A success and a failure timer per tag set (Axon's names, histograms left to Prometheus), found once per payload type. */
    static final class Timers implements MessageMonitor<Message<?>> {

        private final String prefix;
        private final MeterRegistry registry;
        private final Function<Message<?>, Iterable<Tag>> tags;
        private final Map<Class<?>, Outcomes> byPayloadType = new ConcurrentHashMap<>();

        Timers(String prefix, MeterRegistry registry, Function<Message<?>, Iterable<Tag>> tags) {
            this.prefix = prefix;
            this.registry = registry;
            this.tags = tags;
        }

        @Override
        public MonitorCallback onMessageIngested(Message<?> message) {
            Outcomes outcomes = byPayloadType.computeIfAbsent(message.getPayloadType(), payloadType -> new Outcomes(
                    Timer.builder(prefix + ".successTimer").tags(tags.apply(message)).register(registry),
                    Timer.builder(prefix + ".failureTimer").tags(tags.apply(message)).register(registry)));
            long started = registry.config().clock().monotonicTime();
            return new MonitorCallback() {
                @Override
                public void reportSuccess() {
                    outcomes.success().record(registry.config().clock().monotonicTime() - started, TimeUnit.NANOSECONDS);
                }

                @Override
                public void reportFailure(Throwable cause) {
                    outcomes.failure().record(registry.config().clock().monotonicTime() - started, TimeUnit.NANOSECONDS);
                }

                @Override
                public void reportIgnored() {
                    // most events are for other processors: ignoring one is not worth a measurement
                }
            };
        }

        private record Outcomes(Timer success, Timer failure) {
        }
    }
}
