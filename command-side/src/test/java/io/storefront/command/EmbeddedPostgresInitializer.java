package io.storefront.command;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.support.TestPropertySourceUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Points the application at a real PostgreSQL, started from embedded binaries once per test JVM. */
public class EmbeddedPostgresInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static EmbeddedPostgres postgres;

    /** The one PostgreSQL of this test JVM, started on first use. */
    public static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                // logical decoding, for the query side's change capture
                postgres = EmbeddedPostgres.builder().setServerConfig("wal_level", "logical")
                        .setRegisterShutdownHook(false).start();
                EmbeddedPostgres started = postgres;
                ServersLast.stop(() -> {
                    try {
                        started.close();
                    } catch (IOException ignored) {
                        // the JVM is going; the server is stopped or left to its end
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("PostgreSQL did not start", e);
            }
        }
        return postgres;
    }

    /**
     * A PostgreSQL of a test's own, on a port and data directory that outlive each stop, so that the test
     * can stop it and start it again as a real server restarts; with logical decoding, for the capture.
     */
    public static EmbeddedPostgres restartable(int port, Path dataDirectory) throws IOException {
        return EmbeddedPostgres.builder().setPort(port).setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                .setServerConfig("wal_level", "logical").setRegisterShutdownHook(false).start();
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ServersLast.uses(context);
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context,
                "spring.datasource.url=" + postgres().getJdbcUrl("postgres", "postgres"),
                "spring.datasource.username=postgres",
                "spring.datasource.password=");
    }
}
