package io.storefront.bench;

import io.storefront.launcher.StorefrontLauncher;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.SimpleCommandLinePropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** The embedded default, as the launcher starts it, on free ports and a fresh database; and helpers to load it. */
final class Embedded {

    private Embedded() {
    }

    /** The platform with any extra settings, e.g. {@code --storefront.gateway.burst=100000}. */
    static StorefrontLauncher start(String... settings) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--storefront.command-port=0",
                "--storefront.query-port=0", "--storefront.management-port=0", "--logging.level.root=WARN"));
        args.addAll(List.of(settings));
        return StorefrontLauncher.start(args.toArray(String[]::new));
    }

    /** The platform whose gateway never refuses for rate: its capacity is measured, not one user's allowance. */
    static StorefrontLauncher startWithoutRateLimit(String... settings) {
        List<String> args = new ArrayList<>(List.of("--storefront.gateway.requests-per-second=1000000",
                "--storefront.gateway.burst=1000000"));
        args.addAll(List.of(settings));
        return start(args.toArray(String[]::new));
    }

    /** Stops every event processor of a context: what is measured then competes with no reader. */
    static void stopEventProcessors(ConfigurableApplicationContext context) {
        context.getBean(EventProcessingConfiguration.class).eventProcessors().values().forEach(EventProcessor::shutDown);
    }

    static int option(SimpleCommandLinePropertySource options, String name, int otherwise) {
        return options.containsProperty(name) ? Integer.parseInt(options.getProperty(name)) : otherwise;
    }

    static Duration option(SimpleCommandLinePropertySource options, String name, Duration otherwise) {
        return options.containsProperty(name) ? Duration.parse("PT" + options.getProperty(name).toUpperCase()) : otherwise;
    }

    /** Runs {@code task} {@code times} times on {@code threads} threads; answers how many per second. */
    static double perSecond(int threads, int times, Task task) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long started = System.nanoTime();
            List<Future<?>> workers = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                workers.add(pool.submit(() -> {
                    for (int index = next.getAndIncrement(); index < times; index = next.getAndIncrement()) {
                        task.run(index);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            return times / ((System.nanoTime() - started) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    interface Task {
        void run(int index) throws Exception;
    }
}
