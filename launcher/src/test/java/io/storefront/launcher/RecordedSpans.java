package io.storefront.launcher;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

import java.util.Collection;
import java.util.List;

/**
 * In the tests, every side of the platform (command side, query side, gateway: one application context
 * each) exports its spans to this JVM's one in-memory exporter, beside any other exporter it has.
 */
@AutoConfiguration
public class RecordedSpans {

    private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();

    /** The spans every side has exported so far. */
    static List<SpanData> all() {
        return SPANS.getFinishedSpanItems();
    }

    @Bean
    SpanExporter recordedSpans() {
        // a side that stops shuts its exporters down; the recording goes on for the sides still running
        return new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                return SPANS.export(spans);
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
    }
}
