package io.storefront.bench;

import org.HdrHistogram.ConcurrentHistogram;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Latencies in microseconds, up to a minute, kept by HdrHistogram; read out in milliseconds. */
final class Latencies {

    private final ConcurrentHistogram histogram = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(1), 3);

    void record(long startedNanos) {
        histogram.recordValue(Math.min(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - startedNanos),
                histogram.getHighestTrackableValue()));
    }

    void record(Duration latency) {
        histogram.recordValue(Math.max(0, Math.min(latency.toNanos() / 1000, histogram.getHighestTrackableValue())));
    }

    double percentile(double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    /** p50, p95 and p99 in milliseconds, under the given prefix. */
    Map<String, Object> summary(String prefix) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put(prefix + "p50 ms", percentile(50));
        summary.put(prefix + "p95 ms", percentile(95));
        summary.put(prefix + "p99 ms", percentile(99));
        return summary;
    }
}
