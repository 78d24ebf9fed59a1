package io.storefront.launcher;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.storefront.command.CommandSideApplication;
import io.storefront.policy.Policies;
import io.storefront.query.QuerySideApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The embedded default: starts a real PostgreSQL from the binaries zonky ships on Maven Central, then
 * the platform in this JVM against it: the command side with the checkout's policies beside it and a
 * demo catalog (port 8080), and the query side (port 8081, or {@code --storefront.query-port}). With {@code --storefront.data-dir=DIR} (or
 * {@code STOREFRONT_DATA_DIR}) the database lives in DIR and survives a restart; without it, it lives
 * in a temporary folder that is gone when the launcher stops.
 */
public final class StorefrontLauncher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StorefrontLauncher.class);

    private final EmbeddedPostgres postgres;
    private final MongoServer mongo;
    private final ConfigurableApplicationContext platform;
    private final ConfigurableApplicationContext querySide;

    private StorefrontLauncher(EmbeddedPostgres postgres, MongoServer mongo, ConfigurableApplicationContext platform,
                               ConfigurableApplicationContext querySide) {
        this.postgres = postgres;
        this.mongo = mongo;
        this.platform = platform;
        this.querySide = querySide;
    }

    public static void main(String[] args) {
        long started = System.nanoTime();
        // a local demo does not report to AxonIQ's update checker unless asked to
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        StorefrontLauncher launcher = start(args);
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::close, "storefront-shutdown"));
        launcher.printWelcome(Duration.ofNanos(System.nanoTime() - started));
    }

    /** Starts the database and the platform; {@link #close()} stops both. */
    public static StorefrontLauncher start(String... args) {
        var settings = new StandardEnvironment();
        settings.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
        String dataDir = settings.getProperty("storefront.data-dir");

        EmbeddedPostgres postgres = startPostgres(dataDir);
        MongoServer mongo = startMongo(dataDir);
        try {
            Map<String, Object> embeddedServers = Map.of(
                    "spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"),
                    "spring.datasource.username", "postgres",
                    "spring.datasource.password", "",
                    "storefront.demo.outbox", "true");
            // the command side first: its migrations create the event store the query side reads
            ConfigurableApplicationContext platform = new SpringApplicationBuilder(CommandSideApplication.class,
                    Policies.class, DemoCatalog.class)
                    .properties(CommandSideApplication.CONFIG_NAME)
                    .initializers(context -> context.getEnvironment().getPropertySources()
                            .addFirst(new MapPropertySource("embedded-servers", embeddedServers)))
                    .run(args);
            Map<String, Object> queryServers = new HashMap<>(embeddedServers);
            queryServers.put("server.port", settings.getProperty("storefront.query-port", "8081"));
            queryServers.put("spring.mongodb.uri", "mongodb://localhost:" + mongo.getLocalAddress().getPort() + "/storefront");
            ConfigurableApplicationContext querySide = new SpringApplicationBuilder(QuerySideApplication.class)
                    .properties(QuerySideApplication.CONFIG_NAME)
                    .initializers(context -> context.getEnvironment().getPropertySources()
                            .addFirst(new MapPropertySource("embedded-servers", queryServers)))
                    .run(args);
            return new StorefrontLauncher(postgres, mongo, platform, querySide);
        } catch (RuntimeException e) {
            mongo.shutdownNow();
            closeQuietly(postgres);
            throw e;
        }
    }

    /** A MongoDB-wire server: kept in an H2 file beside PostgreSQL's data, or in memory without a data directory. */
    private static MongoServer startMongo(String dataDir) {
        MongoServer mongo = new MongoServer(dataDir == null || dataDir.isBlank()
                ? new MemoryBackend()
                : new H2Backend(Path.of(dataDir, "mongo.mv").toAbsolutePath().toString()));
        mongo.bind("localhost", 0);
        return mongo;
    }

    private static EmbeddedPostgres startPostgres(String dataDir) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (dataDir != null && !dataDir.isBlank()) {
                Path directory = Files.createDirectories(Path.of(dataDir, "postgres")).toAbsolutePath();
                log.info("PostgreSQL keeps its data in {}", directory);
                builder.setDataDirectory(directory).setCleanDataDirectory(false);
            } else {
                log.info("PostgreSQL keeps its data in a temporary folder; set --storefront.data-dir to keep it");
            }
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        }
    }

    /** The running platform's application context. */
    public ConfigurableApplicationContext platform() {
        return platform;
    }

    /** The port the command API listens on. */
    public int port() {
        return portOf(platform);
    }

    /** The port the query API listens on. */
    public int queryPort() {
        return portOf(querySide);
    }

    private static int portOf(ConfigurableApplicationContext side) {
        return Integer.parseInt(side.getEnvironment().getProperty("local.server.port"));
    }

    private void printWelcome(Duration startup) {
        String base = "http://localhost:" + port();
        String query = "http://localhost:" + queryPort();
        System.out.printf("""

                Storefront is serving (started in %.1f s)
                  Command API ......... %s/api
                  Query API ........... %s/api (catalog, orders, live tracking, stock, payments, ...)
                  OpenAPI documents ... %s/v3/api-docs and %s/v3/api-docs
                  API explorer ........ %s/swagger-ui.html
                  Messages sent ....... %s/demo/outbox
                  Health .............. %s/actuator/health
                  PostgreSQL .......... %s
                Stop with Ctrl+C.
                %n""", startup.toMillis() / 1000.0, base, query, base, query, base, base, base,
                postgres.getJdbcUrl("postgres", "postgres"));
    }

    @Override
    public synchronized void close() {
        if (querySide.isActive()) {
            querySide.close();
        }
        if (platform.isActive()) {
            platform.close();
        }
        mongo.shutdownNow();
        closeQuietly(postgres);
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }
}
