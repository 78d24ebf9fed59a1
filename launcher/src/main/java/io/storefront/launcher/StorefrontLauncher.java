package io.storefront.launcher;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.storefront.api.auth.AccessTokenFormat;
import io.storefront.command.CommandSideApplication;
import io.storefront.command.notification.LocalBroker;
import io.storefront.gateway.GatewayApplication;
import io.storefront.policy.Policies;
import io.storefront.query.QuerySideApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.common.utils.Exit;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The embedded default: starts a real PostgreSQL from the binaries zonky ships on Maven Central, a
 * real redis-server (the binary embedded-redis carries) and the other servers, then the platform in this JVM against them: the command side with
 * the checkout's policies and a demo catalog (port 8081, {@code --storefront.command-port}), the query
 * side (8082, {@code --storefront.query-port}) and in front of both the gateway (8080, {@code --server.port}),
 * the one URL users need. The sides listen on the loopback interface only; so does every actuator (health,
 * Prometheus), each on a port apart: the gateway's on 8090 ({@code --storefront.management-port}), the
 * command side's on 8091 ({@code --storefront.command-management-port}), the query side's on 8092
 * ({@code --storefront.query-management-port}). With {@code --storefront.data-dir=DIR} (or
 * {@code STOREFRONT_DATA_DIR}) the database lives in DIR and survives a restart, a crash included; without
 * it, it lives in a temporary folder that is gone when the launcher stops. The launcher stops the apps
 * first, then the servers ({@link #close()}), and its servers do not outlive it ({@link ServerFolder}).
 */
public final class StorefrontLauncher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StorefrontLauncher.class);

    public static final String DEMO_ADMIN_EMAIL = "admin@storefront.local";
    public static final String DEMO_ADMIN_PASSWORD = "storefront-admin";
    /**
     * The SMTP server logs every address it opens a mailbox for: customers' emails stay out of the logs. The
     * apps share this JVM's logging, which each configures again as it starts, from its own settings.
     */
    private static final String QUIET_SMTP_SERVER = "logging.level.com.icegreen.greenmail=WARN";
    private static final String LOOPBACK = "127.0.0.1";

    private final EmbeddedPostgres postgres;
    private final EmbeddedKafkaKraftBroker kafka;
    private final ConfigurableApplicationContext platform;
    private final ConfigurableApplicationContext querySide;
    private final ConfigurableApplicationContext gateway;
    /** What {@link #close()} stops, the last started first: the apps, then the servers they use. */
    private final Deque<Runnable> stops;

    private StorefrontLauncher(EmbeddedPostgres postgres, EmbeddedKafkaKraftBroker kafka,
                               ConfigurableApplicationContext platform, ConfigurableApplicationContext querySide,
                               ConfigurableApplicationContext gateway, Deque<Runnable> stops) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.platform = platform;
        this.querySide = querySide;
        this.gateway = gateway;
        this.stops = stops;
    }

    public static void main(String[] args) {
        long started = System.nanoTime();
        // a local demo does not report to AxonIQ's update checker unless asked to
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        ClassArchive.forgetIfStale();
        StorefrontLauncher launcher = start(args);
        // the one shutdown hook: the apps stop first, then their servers (none registers a hook of its own)
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::close, "storefront-shutdown"));
        launcher.printWelcome(Duration.ofNanos(System.nanoTime() - started));
    }

    /** Starts the servers and the platform; {@link #close()} stops both, in order. */
    public static StorefrontLauncher start(String... args) {
        var settings = new StandardEnvironment();
        settings.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
        String dataDir = settings.getProperty("storefront.data-dir");
        ServerFolder folder = ServerFolder.claim(dataDir);
        Deque<Runnable> stops = new ArrayDeque<>();
        stops.push(folder::close);
        try {
            // the broker (an Erlang VM of its own) and Kafka take the longest to start: they start beside the
            // others, and each app waits only for the servers it uses, when it uses them
            // (--storefront.notifications.enabled=false runs without the broker, as a machine without one does)
            NotificationBroker broker = "false".equals(settings.getProperty("storefront.notifications.enabled"))
                    ? null : launchBroker(folder, settings);
            CompletableFuture<NotificationBroker> startingBroker = broker == null ? CompletableFuture.completedFuture(null)
                    : inBackground("broker", () -> {
                        broker.awaitListening();
                        return broker;
                    });
            if (broker != null) {
                stops.push(broker::stop);
            }
            List<Runnable> kafkaCleanUps = new ArrayList<>();
            CompletableFuture<EmbeddedKafkaKraftBroker> startingKafka = inBackground("kafka", () -> startKafka(kafkaCleanUps));
            stops.push(() -> whenStarted(startingKafka, kafka -> {
                kafka.destroy();
                kafkaCleanUps.forEach(Runnable::run);
            }));
            EmbeddedPostgres postgres = startPostgres(folder);
            stops.push(() -> closeQuietly(postgres));
            MongoServer mongo = startMongo(folder);
            stops.push(mongo::shutdownNow);
            RedisProcess redis = RedisProcess.start(folder.of(ServerFolder.REDIS), folder.keepsData());
            ServerFolder.leash(redis.handle());
            stops.push(redis::stop);
            GreenMail smtp = startSmtp();
            stops.push(smtp::stop);

            String redisUrl = "redis://127.0.0.1:" + redis.port();
            Map<String, Object> embeddedServers = new HashMap<>(Map.of(
                    "spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"),
                    "spring.datasource.username", "postgres",
                    "spring.datasource.password", "",
                    "spring.data.redis.url", redisUrl,
                    "storefront.demo.outbox", "true",
                    "storefront.auth.admin.email", settings.getProperty("storefront.admin-email", DEMO_ADMIN_EMAIL),
                    "storefront.auth.admin.password", settings.getProperty("storefront.admin-password", DEMO_ADMIN_PASSWORD)));
            embeddedServers.putAll(onThisMachineOnly(settings, "storefront.command-port", "8081",
                    "storefront.command-management-port", "8091"));
            // parcels go out with the built-in carrier, which reports its scans to the shop's signed webhook
            embeddedServers.put("storefront.carrier.provider", "simulated");
            embeddedServers.putAll(demoSecrets(dataDir));
            // customers' messages: through the broker, emails caught by the embedded SMTP server
            embeddedServers.put("spring.mail.host", "127.0.0.1");
            embeddedServers.put("spring.mail.port", Integer.toString(smtp.getSmtp().getPort()));
            if (broker != null) {
                embeddedServers.put("storefront.notifications.enabled", "true");
                embeddedServers.put("spring.rabbitmq.host", "127.0.0.1");
                embeddedServers.put("spring.rabbitmq.port", Integer.toString(broker.port()));
            }
            // the command side first: its migrations create the event store the query side reads
            ConfigurableApplicationContext platform = new SpringApplicationBuilder(CommandSideApplication.class,
                    Policies.class, DemoCatalog.class, DemoMailbox.class)
                    .properties(CommandSideApplication.CONFIG_NAME, QUIET_SMTP_SERVER)
                    .registerShutdownHook(false)
                    .initializers(context -> {
                        context.getEnvironment().getPropertySources()
                                .addFirst(new MapPropertySource("embedded-servers", embeddedServers));
                        context.getBeanFactory().registerSingleton("smtp", smtp);
                        context.getBeanFactory().registerSingleton("brokerStarted", firstAwaiting(startingBroker));
                    })
                    .run(args);
            stops.push(platform::close);
            EmbeddedKafkaKraftBroker kafka = started(startingKafka);
            String commandUrl = "http://127.0.0.1:" + portOf(platform);
            Map<String, Object> queryServers = new HashMap<>(embeddedServers);
            queryServers.putAll(onThisMachineOnly(settings, "storefront.query-port", "8082",
                    "storefront.query-management-port", "8092"));
            queryServers.put("spring.mongodb.uri", "mongodb://localhost:" + mongo.getLocalAddress().getPort() + "/storefront?serverSelectionTimeoutMS=5000");
            queryServers.put("storefront.auth.jwks-uri", commandUrl + AccessTokenFormat.JWKS_PATH);
            // the read models' changes stream to the in-process Kafka, and the sales analytics read them there
            queryServers.put("storefront.capture.enabled", "true");
            queryServers.put("storefront.capture.bootstrap-servers", kafka.getBrokersAsString());
            queryServers.put("storefront.analytics.enabled", "true");
            queryServers.put("storefront.analytics.bootstrap-servers", kafka.getBrokersAsString());
            ConfigurableApplicationContext querySide = new SpringApplicationBuilder(QuerySideApplication.class)
                    .properties(QuerySideApplication.CONFIG_NAME, QUIET_SMTP_SERVER)
                    .registerShutdownHook(false)
                    .initializers(context -> context.getEnvironment().getPropertySources()
                            .addFirst(new MapPropertySource("embedded-servers", queryServers)))
                    .run(args);
            stops.push(querySide::close);
            // the gateway is the public entry and listens where --server.address says (every interface by default);
            // its actuator, like the sides', on this machine only
            Map<String, Object> routes = Map.of(
                    "management.server.port", settings.getProperty("storefront.management-port", "8090"),
                    "management.server.address", LOOPBACK,
                    "spring.data.redis.url", redisUrl,
                    "spring.cloud.discovery.client.simple.instances.command-side[0].uri", commandUrl,
                    "spring.cloud.discovery.client.simple.instances.query-side[0].uri", "http://127.0.0.1:" + portOf(querySide));
            ConfigurableApplicationContext gateway = GatewayApplication.application().properties(QUIET_SMTP_SERVER).registerShutdownHook(false)
                    .initializers(context -> context.getEnvironment().getPropertySources()
                            .addFirst(new MapPropertySource("embedded-servers", routes)))
                    .run(args);
            stops.push(gateway::close);
            return new StorefrontLauncher(postgres, kafka, platform, querySide, gateway, stops);
        } catch (RuntimeException e) {
            stopAll(stops);
            throw e;
        }
    }

    /** Starts a server on a thread of its own, while this one starts the next. */
    private static <T> CompletableFuture<T> inBackground(String server, Supplier<T> start) {
        CompletableFuture<T> started = new CompletableFuture<>();
        Thread.ofPlatform().name("start-" + server).start(() -> {
            try {
                started.complete(start.get());
            } catch (Throwable failure) {
                started.completeExceptionally(failure);
            }
        });
        return started;
    }

    /** Waits for a server started in the background; its failure is this thread's. */
    private static <T> T started(CompletableFuture<T> starting) {
        try {
            return starting.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error failure) {
                throw failure;
            }
            throw e;
        }
    }

    /** Stops a server started in the background once its start has ended; one that failed to start has nothing to stop. */
    private static <T> void whenStarted(CompletableFuture<T> starting, Consumer<T> stop) {
        T server = starting.handle((running, failure) -> running).join();
        if (server != null) {
            stop.accept(server);
        }
    }

    /**
     * Where a side listens in the embedded default: on the loopback interface only, its API and its actuator
     * (on a port of its own) alike, so that nobody reaches it around the gateway, whose checks (sessions, body
     * size, rate limits) it would skip. The actuator's port is a free one when the API's is.
     */
    private static Map<String, Object> onThisMachineOnly(StandardEnvironment settings, String portSetting, String port,
                                                         String managementPortSetting, String managementPort) {
        String apiPort = settings.getProperty(portSetting, port);
        return Map.of("server.address", LOOPBACK, "server.port", apiPort,
                "management.server.address", LOOPBACK,
                "management.server.port", settings.getProperty(managementPortSetting, "0".equals(apiPort) ? "0" : managementPort));
    }

    /**
     * The demo's secrets, which a deployment reads from Vault: the carrier's webhook secret, the key that
     * seals the token-signing keys and the verification codes' pepper. Made on first start; with a data
     * directory kept there (readable by its owner only), so that a restart opens the signing keys and
     * checks the codes it sent before.
     */
    private static Map<String, String> demoSecrets(String dataDir) {
        Properties secrets = new Properties();
        Path file = dataDir == null || dataDir.isBlank() ? null : Path.of(dataDir, "demo-secrets.properties");
        try {
            if (file != null && Files.exists(file)) {
                try (var in = Files.newBufferedReader(file)) {
                    secrets.load(in);
                }
            }
            SecureRandom random = new SecureRandom();
            for (String key : List.of("storefront.carrier.webhook-secret", "storefront.auth.signing-key-encryption-key",
                    "storefront.user.verification.code-pepper")) {
                byte[] secret = new byte[32];
                random.nextBytes(secret);
                secrets.putIfAbsent(key, Base64.getEncoder().encodeToString(secret));
            }
            if (file != null) {
                Files.createDirectories(file.getParent());
                Files.deleteIfExists(file);
                if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                }
                try (var out = Files.newBufferedWriter(file)) {
                    secrets.store(out, "made by the launcher for the embedded default; a deployment reads these from Vault");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The demo's secrets cannot be kept in " + file, e);
        }
        Map<String, String> properties = new HashMap<>();
        secrets.stringPropertyNames().forEach(key -> properties.put(key, secrets.getProperty(key)));
        return properties;
    }

    /**
     * A Kafka broker in this JVM (KRaft), whose topics live in a temporary folder: a restart starts it
     * empty, and the change capture, whose offsets it keeps too, takes a fresh snapshot of the read models.
     * Kafka's test kit deletes its folders from shutdown hooks of its own, which would run while the query
     * side still writes to the broker (the capture's producer then waits on its close forever): they are
     * handed to {@code cleanUps} instead, for the launcher to run once Kafka has stopped.
     */
    private static EmbeddedKafkaKraftBroker startKafka(List<Runnable> cleanUps) {
        Exit.setShutdownHookAdder((name, cleanUp) -> cleanUps.add(cleanUp));
        try {
            EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 1);
            kafka.afterPropertiesSet();
            return kafka;
        } finally {
            Exit.resetShutdownHookAdder();
        }
    }

    /** An SMTP server in this JVM that keeps every email it is sent: what {@code /demo/mailbox} shows. */
    private static GreenMail startSmtp() {
        try {
            GreenMail smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
            return smtp;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * RabbitMQ from this machine's Debian package, as a child process, not yet listening; where it is not
     * installed, or with {@code --storefront.broker=in-jvm}, an AMQP 0-9-1 broker in this JVM ({@link InJvmBroker}).
     */
    private static NotificationBroker launchBroker(ServerFolder folder, StandardEnvironment settings) {
        if (InJvmBroker.isChosen(settings)) {
            return InJvmBroker.start(folder.of(ServerFolder.QPID), folder.keepsData(), settings);
        }
        return NotificationBroker.of(LocalBroker.launch(folder.of(ServerFolder.RABBITMQ)), folder);
    }

    /**
     * Holds the app's start, before its first message listener or event processor runs, until the server
     * started in the background is up: the app builds its beans meanwhile.
     */
    private static SmartLifecycle firstAwaiting(CompletableFuture<?> server) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                started(server);
                running = true;
            }

            @Override
            public void stop() {
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return Integer.MIN_VALUE;
            }
        };
    }

    /** A MongoDB-wire server: kept in an H2 file beside PostgreSQL's data, or in memory without a data directory. */
    private static MongoServer startMongo(ServerFolder folder) {
        MongoServer mongo = new MongoServer(folder.keepsData()
                ? new H2Backend(folder.root().resolve("mongo.mv").toString())
                : new MemoryBackend());
        mongo.bind("localhost", 0);
        return mongo;
    }

    /**
     * PostgreSQL from zonky's binaries, its data in the folder. Data meant to last is written safely
     * ({@code fsync}, synchronous commits, full pages): an order answered 201 survives a power cut. The
     * throwaway default and the tests trade that for speed, as zonky does ({@code fsync} off, commits
     * acknowledged before they reach the disk).
     */
    private static EmbeddedPostgres startPostgres(ServerFolder folder) {
        Path directory = folder.of(ServerFolder.POSTGRES);
        try {
            // logical decoding, for the change capture of the read models; each statement's count and time
            // (pg_stat_statements, once its extension is created), for whoever looks where the time goes
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setServerConfig("wal_level", "logical")
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(!folder.keepsData())
                    // the launcher stops it, after the apps
                    .setRegisterShutdownHook(false);
            if (folder.keepsData()) {
                log.info("PostgreSQL keeps its data in {}", directory);
                builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                        .setServerConfig("full_page_writes", "on");
            } else {
                log.info("PostgreSQL keeps its data in a temporary folder; set --storefront.data-dir to keep it");
            }
            EmbeddedPostgres postgres = builder.start();
            folder.running(ServerFolder.POSTGRES).ifPresent(ServerFolder::leash);
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The running platform's application context. */
    public ConfigurableApplicationContext platform() {
        return platform;
    }

    /** The query side's application context. */
    public ConfigurableApplicationContext querySide() {
        return querySide;
    }

    /** The in-process Kafka broker's address, where the read models' changes go. */
    public String kafkaBootstrapServers() {
        return kafka.getBrokersAsString();
    }

    /** The port of the gateway: the one entry point. */
    public int port() {
        return portOf(gateway);
    }

    /** Where the gateway's actuator answers, apart from its public port. */
    public String managementUrl() {
        return managementUrlOf(gateway);
    }

    /** Where an app's actuator answers, on this machine only, apart from its API. */
    public static String managementUrlOf(ConfigurableApplicationContext app) {
        return "http://127.0.0.1:" + app.getEnvironment().getProperty("local.management.port");
    }

    private static int portOf(ConfigurableApplicationContext side) {
        return Integer.parseInt(side.getEnvironment().getProperty("local.server.port"));
    }

    private void printWelcome(Duration startup) {
        String base = "http://localhost:" + port();
        System.out.printf("""

                Storefront is serving (started in %.1f s)
                  API ................. %s/api (everything goes through this gateway)
                  Log in .............. POST %s/api/auth/login {"email":"%s","password":"%s"} (demo administrator)
                  OpenAPI documents ... %s/api-docs/command-side and %s/api-docs/query-side
                  Emails sent ......... %s/demo/mailbox (as an administrator)
                  Texts, push ......... %s/demo/outbox (as an administrator)
                  Kafka ............... %s (the read models' changes, topics storefront.public.<table>)
                  Actuators ........... %s (gateway), %s (command side), %s (query side):
                                        /actuator/health and /actuator/prometheus, from this machine only
                  PostgreSQL .......... %s
                Stop with Ctrl+C.
                %n""", startup.toMillis() / 1000.0, base, base,
                platform.getEnvironment().getProperty("storefront.auth.admin.email"),
                platform.getEnvironment().getProperty("storefront.auth.admin.password"), base, base, base, base,
                kafka.getBrokersAsString(), managementUrl(), managementUrlOf(platform), managementUrlOf(querySide),
                postgres.getJdbcUrl("postgres", "postgres"));
    }

    /** Stops the apps, the gateway first, then the servers they used, then lets the folder go. */
    @Override
    public synchronized void close() {
        stopAll(stops);
    }

    private static void stopAll(Deque<Runnable> stops) {
        while (!stops.isEmpty()) {
            try {
                stops.pop().run();
            } catch (RuntimeException e) {
                log.warn("A part of the platform did not stop cleanly: {}", e.toString());
            }
        }
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }
}
