package io.storefront.command;

import io.lettuce.core.RedisClient;
import io.storefront.api.auth.AccessTokenFormat;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.support.TestPropertySourceUtils;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Points the application at a real redis-server, started from the binary embedded-redis carries, once per test
 * JVM. A test may stop it and start it again ({@link #down()}, {@link #up()}): it keeps its data over that, as a
 * server restarted on its snapshot does.
 */
public class EmbeddedRedisInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static RedisServer redis;
    private static int port;
    private static final Set<String> liveSessions = new HashSet<>();

    /** The port of this test JVM's Redis, started on first use. */
    public static synchronized int port() {
        if (redis == null) {
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                Path data = Files.createTempDirectory("redis");
                data.toFile().deleteOnExit();
                // no snapshot of its own; down() takes one, which the server reads when it starts again
                redis = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                        .setting("save \"\"").setting("appendonly no").setting("dir " + data).build();
                redis.start();
            } catch (IOException e) {
                throw new UncheckedIOException("Redis did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    redis.stop();
                } catch (IOException ignored) {
                    // the JVM is going; the server goes with it
                }
            }));
        }
        return port;
    }

    /** Stops this JVM's Redis, after a snapshot of its data: the sessions open now are there again after {@link #up()}. */
    public static synchronized void down() {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + port());
        try (var connection = client.connect()) {
            connection.sync().save();
        } finally {
            client.shutdown();
        }
        try {
            redis.stop();
        } catch (IOException e) {
            throw new UncheckedIOException("Redis did not stop", e);
        }
    }

    /** Starts this JVM's Redis again, on its port and with its data. */
    public static synchronized void up() {
        try {
            redis.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Redis did not start again", e);
        }
    }

    /**
     * Opens a login session of this id in this JVM's Redis, as logging in does, for tokens the tests issue
     * themselves: every service refuses a token whose session is not alive. Answers the id.
     */
    public static synchronized String liveSession(String sessionId) {
        if (liveSessions.add(sessionId)) {
            RedisClient client = RedisClient.create("redis://127.0.0.1:" + port());
            try (var connection = client.connect()) {
                connection.sync().hset(AccessTokenFormat.sessionKey(sessionId), "userId", "issued-by-a-test");
            } finally {
                client.shutdown();
            }
        }
        return sessionId;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ServersLast.uses(context);
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context,
                "spring.data.redis.url=redis://127.0.0.1:" + port());
    }
}
