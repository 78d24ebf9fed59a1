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

/**
 * The platform as deployed, once per test JVM: the command side with its policies, two instances of
 * the query side, and the gateway in front of them, on one real PostgreSQL, MongoDB-wire server and
 * Redis. Tests reach it only through the gateway.
 */
final class Platform {

    static final String ADMIN_EMAIL = "admin@storefront.test";
    static final String ADMIN_PASSWORD = "admin-password-1";

    private static ConfigurableApplicationContext commandSide;
    private static List<ConfigurableApplicationContext> querySides;
    private static ConfigurableApplicationContext gateway;
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
                querySides.forEach(ConfigurableApplicationContext::close);
                commandSide.close();
            }
        }
    }

    static synchronized void start() {
        if (gateway != null) {
            return;
        }
        commandSide = new SpringApplicationBuilder(CommandSideApplication.class, Policies.class)
                .properties(CommandSideApplication.CONFIG_NAME)
                .initializers(new EmbeddedPostgresInitializer(), new EmbeddedRedisInitializer(), new LocalSecretsInitializer())
                .run("--server.port=0", "--management.server.port=0", "--storefront.auth.bcrypt-strength=4", "--storefront.demo.outbox=true",
                        "--storefront.auth.admin.email=" + ADMIN_EMAIL, "--storefront.auth.admin.password=" + ADMIN_PASSWORD);
        MongoServer mongo = new MongoServer(new MemoryBackend());
        mongo.bind("localhost", 0);
        String[] queryArgs = {"--server.port=0", "--management.server.port=0",
                "--spring.mongodb.uri=mongodb://localhost:" + mongo.getLocalAddress().getPort() + "/storefront",
                "--storefront.auth.jwks-uri=" + url(commandSide) + "/.well-known/jwks.json"};
        querySides = List.of(querySide(queryArgs), querySide(queryArgs));
        gateway = gateway(url(commandSide), "--storefront.gateway.requests-per-second=20", "--storefront.gateway.burst=40",
                "--storefront.gateway.max-request-size=64KB", "--storefront.gateway.allowed-origins=https://shop.example.com");
    }

    /**
     * Another gateway in front of the running query sides and of the command side at {@code commandSideUri},
     * with settings of its own.
     */
    static ConfigurableApplicationContext gateway(String commandSideUri, String... settings) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0",
                "--spring.data.redis.url=redis://127.0.0.1:" + EmbeddedRedisInitializer.port(),
                "--spring.cloud.discovery.client.simple.instances.command-side[0].uri=" + commandSideUri,
                "--spring.cloud.discovery.client.simple.instances.query-side[0].uri=" + url(querySides.get(0)),
                "--spring.cloud.discovery.client.simple.instances.query-side[1].uri=" + url(querySides.get(1))));
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

    private static ConfigurableApplicationContext querySide(String[] args) {
        return new SpringApplicationBuilder(QuerySideApplication.class)
                .properties(QuerySideApplication.CONFIG_NAME)
                .initializers(new EmbeddedPostgresInitializer(), new EmbeddedRedisInitializer())
                .run(args);
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

    static ConfigurableApplicationContext commandSide() {
        start();
        return commandSide;
    }

    /** The query-side instances the gateway's load balancer offers in {@code choices} choices, as base URLs. */
    static Set<String> chosenQueryInstances(int choices) {
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
