package io.storefront.bench;

import org.springframework.core.env.SimpleCommandLinePropertySource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Runs one benchmark against the embedded default and prints its table; the figures also go to
 * {@code bench/results/<name>.json}. Each benchmark measures the platform and a baseline side by side,
 * in alternating rounds on the same machine and PostgreSQL, and reports their ratio.
 *
 * <pre>./mvnw -q -DskipTests install && ./mvnw -q -f bench spring-boot:run -Dspring-boot.run.arguments="b2 --threads=8"</pre>
 */
public final class Benchmarks {

    private static final Map<String, Benchmark> ALL = Map.of(
            "b1", new CheckoutBenchmark(),
            "b2", new AppendBenchmark(),
            "b3", new ReplayBenchmark(),
            "b4", new GatewayOverheadBenchmark(),
            "b5", new CaptureBenchmark());

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !ALL.containsKey(args[0])) {
            System.err.println("Which benchmark? One of " + ALL.keySet() + ", then --option=value ...");
            System.exit(2);
        }
        System.setProperty("axoniq.update-checker.disabled", "true");
        var options = new SimpleCommandLinePropertySource(Arrays.copyOfRange(args, 1, args.length));
        try {
            Report report = ALL.get(args[0]).run(options);
            System.out.println();
            System.out.println(report.table());
            Path written = report.write(Path.of(options.containsProperty("out") ? options.getProperty("out") : "results"));
            System.out.println("Written to " + written.toAbsolutePath());
            System.exit(0);
        } catch (Exception e) {
            // the platform's own threads would keep the JVM alive after a failure
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** One benchmark: it starts what it needs, measures, and stops it again. */
    interface Benchmark {
        Report run(SimpleCommandLinePropertySource options) throws Exception;
    }
}
