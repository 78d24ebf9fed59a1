package io.storefront.query;

import io.storefront.api.auth.AccessTokenFormat;
import io.storefront.command.ActingAsAdmin;
import io.storefront.command.Actor;
import io.storefront.command.CommandSideApplication;
import io.storefront.command.EmbeddedPostgresInitializer;
import io.storefront.command.LocalSecretsInitializer;
import io.storefront.command.EmbeddedRedisInitializer;
import io.storefront.command.auth.AccessTokens;
import io.storefront.policy.Policies;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.support.TestPropertySourceUtils;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Runs the command side with its policies (and its Redis) once per test JVM, as the embedded default does, and points
 * the query side under test at the same PostgreSQL and at an in-memory MongoDB-wire server. The command side starts first: its migrations
 * create the event store the query side reads.
 */
public class CommandSideRunning implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static ConfigurableApplicationContext commandSide;
    private static MongoServer mongo;
    private static int mongoPort;
    /** The documents, kept when the server stops: as a real MongoDB's, they outlive a restart. */
    private static final MongoBackend mongoData = (MongoBackend) Proxy.newProxyInstance(MongoBackend.class.getClassLoader(),
            new Class<?>[]{MongoBackend.class}, new KeptOnClose(new MemoryBackend()));

    /** The port of the command side's HTTP API. */
    public static synchronized int port() {
        if (commandSide == null) {
            commandSide = new SpringApplicationBuilder(CommandSideApplication.class, Policies.class)
                    .properties(CommandSideApplication.CONFIG_NAME)
                    .initializers(new EmbeddedPostgresInitializer(), new EmbeddedRedisInitializer(), new LocalSecretsInitializer())
                    .run("--server.port=0", "--management.server.port=0", "--storefront.order.payment-timeout=8s", "--storefront.demo.outbox=true");
        }
        return Integer.parseInt(commandSide.getEnvironment().getProperty("local.server.port"));
    }

    /** A valid access token of the command side's auth context, for a user id and role. */
    public static String token(String userId, Actor.Role role) {
        return token(userId, role, EmbeddedRedisInitializer.liveSession("test-session"));
    }

    /** A valid access token of the given login session, alive or not. */
    public static String token(String userId, Actor.Role role, String sessionId) {
        port();
        return commandSide.getBean(AccessTokens.class).issue(userId, role, sessionId);
    }

    public static String adminToken() {
        port();
        return ActingAsAdmin.adminToken(commandSide.getBean(AccessTokens.class));
    }

    /**
     * The running command side's command gateway, for what no HTTP endpoint sends here: the delivery records
     * of notifications, which the courier writes only where notifications are on.
     */
    public static CommandGateway commandGateway() {
        port();
        return commandSide.getBean(CommandGateway.class);
    }

    /**
     * A MongoDB-wire server in memory, once per test JVM. A client waits 2 s for it to answer (the
     * services' setting says 5 s), not the driver's default 30 s.
     */
    static synchronized String mongoUri() {
        if (mongo == null) {
            mongo = new MongoServer(mongoData);
            mongo.bind("localhost", 0);
            mongoPort = mongo.getLocalAddress().getPort();
        }
        return "mongodb://localhost:" + mongoPort + "/storefront?serverSelectionTimeoutMS=2000";
    }

    /** Stops the MongoDB-wire server; its documents stay for {@link #startMongo()}. */
    public static synchronized void stopMongo() {
        mongo.shutdownNow();
    }

    /** Starts the MongoDB-wire server again, on its port and with its documents. */
    public static synchronized void startMongo() {
        mongo = new MongoServer(mongoData);
        mongo.bind("localhost", mongoPort);
    }

    /** A backend whose close, which a server's stop calls, keeps the documents. */
    private record KeptOnClose(MongoBackend backend) implements InvocationHandler {

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("close")) {
                return null;
            }
            try {
                return method.invoke(backend, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    @Override
    public void initialize(ConfigurableApplicationContext queryContext) {
        port();
        new EmbeddedPostgresInitializer().initialize(queryContext);
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(queryContext, "spring.mongodb.uri=" + mongoUri(),
                "storefront.auth.jwks-uri=http://localhost:" + port() + AccessTokenFormat.JWKS_PATH);
    }
}
