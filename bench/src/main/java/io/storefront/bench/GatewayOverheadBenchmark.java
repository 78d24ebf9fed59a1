package io.storefront.bench;

import io.storefront.launcher.StorefrontLauncher;
import org.springframework.core.env.SimpleCommandLinePropertySource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * B4: one logged-in customer reading their order, once through the gateway (token and session check,
 * rate limit, routing, breaker) and once straight from the query side (its own token check), in
 * alternation, one request at a time. The gateway's rate limit is raised so that it never refuses.
 */
final class GatewayOverheadBenchmark implements Benchmarks.Benchmark {

    @Override
    public Report run(SimpleCommandLinePropertySource options) throws Exception {
        int requests = Embedded.option(options, "requests", 5000);
        int warmup = Embedded.option(options, "warmup", 2000);
        try (StorefrontLauncher platform = Embedded.startWithoutRateLimit()) {
            String gateway = "http://localhost:" + platform.port();
            // the query side listens on loopback only
            String direct = "http://127.0.0.1:" + platform.querySide().getEnvironment().getProperty("local.server.port");
            Shopper viaGateway = Shopper.register(gateway);
            Shopper viaService = viaGateway.at(direct);
            String orderId = Checkouts.placeOrder(viaGateway, Checkouts.product(Checkouts.admin(gateway), 10));
            String path = "/api/orders/" + orderId;
            Checkouts.awaitOk(viaGateway, path);

            Latencies gatewayLatencies = new Latencies();
            Latencies directLatencies = new Latencies();
            for (int request = 0; request < warmup + requests; request++) {
                boolean measured = request >= warmup;
                long started = System.nanoTime();
                Shopper.expect(200, viaService.get(path));
                if (measured) {
                    directLatencies.record(started);
                }
                started = System.nanoTime();
                Shopper.expect(200, viaGateway.get(path));
                if (measured) {
                    gatewayLatencies.record(started);
                }
            }
            Map<String, Object> directRow = new LinkedHashMap<>(Map.of("path", "query side directly"));
            directRow.putAll(directLatencies.summary(""));
            Map<String, Object> gatewayRow = new LinkedHashMap<>(Map.of("path", "through the gateway"));
            gatewayRow.putAll(gatewayLatencies.summary(""));
            Map<String, Double> ratios = new LinkedHashMap<>();
            ratios.put("p50 gateway / direct", gatewayLatencies.percentile(50) / directLatencies.percentile(50));
            ratios.put("p99 gateway / direct", gatewayLatencies.percentile(99) / directLatencies.percentile(99));
            return new Report("b4", "GET /api/orders/{id} through the gateway against the query side directly",
                    Map.of("requests", requests, "warmup", warmup, "concurrency", 1), List.of(directRow, gatewayRow), ratios);
        }
    }
}
