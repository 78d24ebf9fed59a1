package io.storefront.gateway;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.storefront.command.CommandSideApplication;
import io.storefront.command.EmbeddedPostgresInitializer;
import io.storefront.command.EmbeddedRedisInitializer;
import io.storefront.policy.Policies;
import io.storefront.query.QuerySideApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.util.List;

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

    private Platform() {
    }

    static synchronized void start() {
        if (gateway != null) {
            return;
        }
        commandSide = new SpringApplicationBuilder(CommandSideApplication.class, Policies.class)
                .properties(CommandSideApplication.CONFIG_NAME)
                .initializers(new EmbeddedPostgresInitializer(), new EmbeddedRedisInitializer())
                .run("--server.port=0", "--storefront.auth.bcrypt-strength=4",
                        "--storefront.auth.admin.email=" + ADMIN_EMAIL, "--storefront.auth.admin.password=" + ADMIN_PASSWORD);
        MongoServer mongo = new MongoServer(new MemoryBackend());
        mongo.bind("localhost", 0);
        String[] queryArgs = {"--server.port=0",
                "--spring.mongodb.uri=mongodb://localhost:" + mongo.getLocalAddress().getPort() + "/storefront",
                "--storefront.auth.jwks-uri=" + url(commandSide) + "/.well-known/jwks.json"};
        querySides = List.of(querySide(queryArgs), querySide(queryArgs));
        gateway = GatewayApplication.application()
                .run("--server.port=0",
                        "--spring.data.redis.url=redis://127.0.0.1:" + EmbeddedRedisInitializer.port(),
                        "--spring.cloud.discovery.client.simple.instances.command-side[0].uri=" + url(commandSide),
                        "--spring.cloud.discovery.client.simple.instances.query-side[0].uri=" + url(querySides.get(0)),
                        "--spring.cloud.discovery.client.simple.instances.query-side[1].uri=" + url(querySides.get(1)),
                        "--storefront.gateway.requests-per-second=20", "--storefront.gateway.burst=40",
                        "--storefront.gateway.max-request-size=64KB",
                        "--storefront.gateway.allowed-origins=https://shop.example.com");
    }

    private static ConfigurableApplicationContext querySide(String[] args) {
        return new SpringApplicationBuilder(QuerySideApplication.class)
                .properties(QuerySideApplication.CONFIG_NAME)
                .initializers(new EmbeddedPostgresInitializer())
                .run(args);
    }

    static RestTestClient client() {
        start();
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

    static String url(ConfigurableApplicationContext context) {
        return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    }
}
