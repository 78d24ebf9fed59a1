package io.storefront.gateway;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.storefront.command.CommandSideApplication;
import io.storefront.command.EmbeddedPostgresInitializer;
import io.storefront.command.LocalSecretsInitializer;
import io.storefront.command.EmbeddedRedisInitializer;
import io.storefront.policy.Policies;
import io.storefront.query.QuerySideApplication;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.servlet.client.RestTestClient;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The platform as staging deploys it, once per test JVM: two instances of the command side with its
 * policies, two instances of the query side, and the gateway in front of them, on one real PostgreSQL,
 * MongoDB-wire server and Redis. Tests reach it only through the gateway. A {@link HandlingWitness}
 * watches every instance's processors.
 */
final class Platform {

    static final String ADMIN_EMAIL = "admin@storefront.test";
    static final String ADMIN_PASSWORD = "admin-password-1";

    private static List<ConfigurableApplicationContext> commandSides;
    private static List<ConfigurableApplicationContext> querySides;
    private static ConfigurableApplicationContext gateway;
    private static String[] queryArgs;
    private static final List<ConfigurableApplicationContext> spareQuerySides = new ArrayList<>();
    private static final List<ConfigurableApplicationContext> extraGateways = new ArrayList<>();

    private Platform() {
    }

    /**
     * Stops the platform front to back once the tests are done, while PostgreSQL still runs: left to
     * the JVM's shutdown hooks, the database may go first and the services hang on closing their pools.
     */
    public static class Stop implements LauncherSessionListener {

        @Override
        public void launcherSessionClosed(LauncherSession session) {
            extraGateways.forEach(ConfigurableApplicationContext::close);
            if (gateway != null) {
                gateway.close();
                spareQuerySides.forEach(ConfigurableApplicationContext::close);
                querySides.forEach(ConfigurableApplicationContext::close);
                commandSides.forEach(ConfigurableApplicationContext::close);
            }
        }
    }

    static synchronized void start() {
        if (gateway != null) {
            return;
        }
        commandSides = List.of(commandSide("command-side-1"), commandSide("command-side-2"));
        MongoServer mongo = new MongoServer(new MemoryBackend());
        mongo.bind("localhost", 0);
        queryArgs = new String[]{"--server.port=0", "--management.server.port=0",
                "--spring.mongodb.uri=mongodb://localhost:" + mongo.getLocalAddress().getPort() + "/storefront",
                "--storefront.auth.jwks-uri=" + url(commandSides.getFirst()) + "/.well-known/jwks.json"};
        querySides = List.of(querySide("query-side-1"), querySide("query-side-2"));
        gateway = gateway(urls(commandSides), urls(querySides), "--storefront.gateway.requests-per-second=20", "--storefront.gateway.burst=40",
                "--storefront.gateway.max-request-size=64KB", "--storefront.gateway.allowed-origins=https://shop.example.com");
    }

    /**
     * Another gateway in front of the running query sides and of the command side at {@code commandSideUri},
     * with settings of its own.
     */
    static ConfigurableApplicationContext gateway(String commandSideUri, String... settings) {
        return gateway(List.of(commandSideUri), urls(querySides), settings);
    }

    /** Another gateway in front of the given instances of each service. */
    static ConfigurableApplicationContext gateway(List<String> commandSideUris, List<String> querySideUris, String... settings) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0",
                "--spring.data.redis.url=redis://127.0.0.1:" + EmbeddedRedisInitializer.port()));
        args.addAll(instances("command-side", commandSideUris));
        args.addAll(instances("query-side", querySideUris));
        args.addAll(List.of(settings));
        ConfigurableApplicationContext started = GatewayApplication.application().run(args.toArray(String[]::new));
        if (gateway != null) {
            extraGateways.add(started);
        }
        return started;
    }

    /**
     * A gateway a test started on its own, closed with the platform: closing a gateway disposes Reactor
     * Netty's shared resources, and with them the other gateways of this JVM.
     */
    static synchronized ConfigurableApplicationContext closedAtTheEnd(ConfigurableApplicationContext gateway) {
        extraGateways.add(gateway);
        return gateway;
    }

    private static List<String> instances(String service, List<String> uris) {
        return IntStream.range(0, uris.size())
                .mapToObj(n -> "--spring.cloud.discovery.client.simple.instances." + service + "[" + n + "].uri=" + uris.get(n))
                .toList();
    }

    /** A command side claiming its processors' segments as {@code instance}: each instance in this JVM needs a name of its own. */
    private static ConfigurableApplicationContext commandSide(String instance) {
        return new SpringApplicationBuilder(CommandSideApplication.class, Policies.class, HandlingWitness.class)
                .properties(CommandSideApplication.CONFIG_NAME)
                .initializers(new EmbeddedPostgresInitializer(), new EmbeddedRedisInitializer(), new LocalSecretsInitializer())
                .run("--server.port=0", "--management.server.port=0", "--storefront.processing.owner=" + instance,
                        "--storefront.auth.bcrypt-strength=4", "--storefront.demo.outbox=true",
                        "--storefront.auth.admin.email=" + ADMIN_EMAIL, "--storefront.auth.admin.password=" + ADMIN_PASSWORD);
    }

    private static ConfigurableApplicationContext querySide(String instance) {
        return new SpringApplicationBuilder(QuerySideApplication.class, HandlingWitness.class)
                .properties(QuerySideApplication.CONFIG_NAME, "storefront.processing.owner=" + instance)
                .initializers(new EmbeddedPostgresInitializer(), new EmbeddedRedisInitializer())
                .run(queryArgs);
    }

    /**
     * A third query side, for a test that stops its server: the two of the platform stay up for the
     * others. Closed with the platform (closing it earlier would dispose the JVM's shared Netty resources).
     */
    static synchronized ConfigurableApplicationContext spareQuerySide() {
        start();
        ConfigurableApplicationContext spare = querySide("query-side-" + (3 + spareQuerySides.size()));
        spareQuerySides.add(spare);
        return spare;
    }

    static List<String> urls(List<ConfigurableApplicationContext> services) {
        return services.stream().map(Platform::url).toList();
    }

    static RestTestClient client() {
        start();
        return client(gateway);
    }

    static RestTestClient client(ConfigurableApplicationContext gateway) {
        return RestTestClient.bindToServer().baseUrl(url(gateway)).build();
    }

    static List<ConfigurableApplicationContext> querySides() {
        start();
        return querySides;
    }

    static List<ConfigurableApplicationContext> commandSides() {
        start();
        return commandSides;
    }

    /** The query-side instances a gateway's load balancer offers in {@code choices} choices, as base URLs. */
    static Set<String> chosenQueryInstances(ConfigurableApplicationContext gateway, int choices) {
        var balancer = gateway.getBean(LoadBalancerClientFactory.class).getInstance("query-side");
        Set<String> chosen = new HashSet<>();
        for (int choice = 0; choice < choices; choice++) {
            Response<ServiceInstance> response = Mono.from(balancer.choose()).block();
            if (response != null && response.hasServer()) {
                chosen.add(response.getServer().getUri().toString());
            }
        }
        return chosen;
    }

    /** The gateway's actuator, on its management port. */
    static String managementUrl() {
        start();
        return "http://localhost:" + gateway.getEnvironment().getProperty("local.management.port");
    }

    static String url(ConfigurableApplicationContext context) {
        return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    }
}
