package io.storefront.launcher;

import io.storefront.command.CommandSideApplication;
import io.storefront.policy.Policies;
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
import java.util.Map;

/**
 * The embedded default: starts a real PostgreSQL from the binaries zonky ships on Maven Central, then
 * the platform in this JVM against it: the command side with the checkout's policies beside it, and a
 * demo catalog. With {@code --storefront.data-dir=DIR} (or
 * {@code STOREFRONT_DATA_DIR}) the database lives in DIR and survives a restart; without it, it lives
 * in a temporary folder that is gone when the launcher stops.
 */
public final class StorefrontLauncher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StorefrontLauncher.class);

    private final EmbeddedPostgres postgres;
    private final ConfigurableApplicationContext platform;

    private StorefrontLauncher(EmbeddedPostgres postgres, ConfigurableApplicationContext platform) {
        this.postgres = postgres;
        this.platform = platform;
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
        try {
            Map<String, Object> embeddedServers = Map.of(
                    "spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"),
                    "spring.datasource.username", "postgres",
                    "spring.datasource.password", "",
                    "storefront.demo.outbox", "true");
            ConfigurableApplicationContext platform = new SpringApplicationBuilder(CommandSideApplication.class, Policies.class, DemoCatalog.class)
                    .initializers(context -> context.getEnvironment().getPropertySources()
                            .addFirst(new MapPropertySource("embedded-servers", embeddedServers)))
                    .run(args);
            return new StorefrontLauncher(postgres, platform);
        } catch (RuntimeException e) {
            closeQuietly(postgres);
            throw e;
        }
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

    /** The port the HTTP API listens on. */
    public int port() {
        return Integer.parseInt(platform.getEnvironment().getProperty("local.server.port", "8080"));
    }

    private void printWelcome(Duration startup) {
        String base = "http://localhost:" + port();
        System.out.printf("""

                Storefront is serving (started in %.1f s)
                  Command API ......... %s/api
                  OpenAPI document .... %s/v3/api-docs
                  API explorer ........ %s/swagger-ui.html
                  Messages sent ....... %s/demo/outbox
                  Health .............. %s/actuator/health
                  PostgreSQL .......... %s
                Stop with Ctrl+C.
                %n""", startup.toMillis() / 1000.0, base, base, base, base, base,
                postgres.getJdbcUrl("postgres", "postgres"));
    }

    @Override
    public synchronized void close() {
        if (platform.isActive()) {
            platform.close();
        }
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
