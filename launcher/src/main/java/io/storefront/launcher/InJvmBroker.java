package io.storefront.launcher;

import io.storefront.command.notification.LocalBroker;
import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.BrokerImpl;
import org.apache.qpid.server.model.Exchange;
import org.apache.qpid.server.model.Port;
import org.apache.qpid.server.model.Queue;
import org.apache.qpid.server.model.SystemConfig;
import org.apache.qpid.server.model.VirtualHost;
import org.apache.qpid.server.model.VirtualHostNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.PropertyResolver;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The notifications' broker of the embedded default where Debian's {@code rabbitmq-server} is not installed: Apache
 * Qpid Broker-J, an AMQP 0-9-1 broker in this JVM, so that the README's first command gives every feature on a fresh
 * machine. It listens on a free port of 127.0.0.1 and takes the credentials the command side connects with
 * ({@code spring.rabbitmq.username} and {@code password}, else {@code STOREFRONT_RABBITMQ_USER} and
 * {@code STOREFRONT_RABBITMQ_PASSWORD}, else guest/guest, as {@code command-side.yml} says).
 *
 * <p>The setting {@code --storefront.broker} chooses the broker: {@value #RABBITMQ_SERVER} (Debian's package, run as a
 * child process by {@link LocalBroker}; the default where it is installed) or {@value #IN_JVM} (this one; the default
 * elsewhere, and a way to run it where RabbitMQ is installed, as CI's tests of it do).
 *
 * <p>With a data directory its durable queues, exchanges and persistent messages are kept in a Derby database in the
 * broker's folder and survive a restart, a crash included; without one it keeps them in memory.
 *
 * <p>What the platform asks of RabbitMQ, and how Qpid gives it:
 * <ul>
 *     <li>publisher confirms, durable queues and persistent messages, {@code basic.get} (the parked messages) and
 *     passive declarations (the queue depths): Qpid has them; a queue's depth, though, counts the messages the
 *     relay below counts, those waiting, as RabbitMQ does, not those delivered and unacknowledged too;</li>
 *     <li>{@code basic.nack} of several deliveries at once (a look at the parked messages puts them all back so):
 *     Qpid puts back only the last, and the relay nacks each;</li>
 *     <li>dead-lettering ({@code x-dead-letter-exchange}, {@code x-dead-letter-routing-key}) and a queue's message TTL
 *     ({@code x-message-ttl}), which Qpid refuses as unknown declare arguments: the AMQP connections go through a
 *     {@link RabbitDialect relay} that declares them in Qpid's own terms, an alternate binding and a maximum message
 *     TTL (a declaration with an argument neither knows fails, though Qpid closes the connection where RabbitMQ
 *     closes the channel);</li>
 *     <li>a message rejected without requeueing is dead-lettered, or dropped without a dead-letter exchange, and so is
 *     an expired one: Qpid requeues a rejected message and drops an expired one unless told otherwise, here by the
 *     virtual host's defaults ({@code queue.maximumDeliveryAttempts} 1, {@code queue.defaultExpiryPolicy}
 *     {@code ROUTE_TO_ALTERNATE}); expired messages are looked for every {@value #EXPIRY_CHECK_MILLIS} ms.</li>
 * </ul>
 *
 * <p>Broker-J 10.1 is the first without the Security Manager, whose {@code Subject.getSubject} JDK 24 and later refuse.
 * Qpid logs through this JVM's SLF4J, quietly ({@link QuietBroker}); the JVM shutdown hook it registers is taken
 * away, for the launcher stops it after the apps, in its own order.
 */
public final class InJvmBroker implements NotificationBroker {

    private static final Logger log = LoggerFactory.getLogger(InJvmBroker.class);

    /** The setting that chooses the broker. */
    public static final String SETTING = "storefront.broker";
    public static final String RABBITMQ_SERVER = "rabbitmq-server";
    public static final String IN_JVM = "in-jvm";
    static final long EXPIRY_CHECK_MILLIS = 500;
    private static final String HOST = "127.0.0.1";
    private static final String VIRTUAL_HOST = "default";

    private final Path folder;
    private final boolean keepsData;
    private final String username;
    private final String password;
    private SystemLauncher qpid;
    private SystemConfig<?> system;
    private RabbitDialect relay;
    private Thread.UncaughtExceptionHandler ownHandler;

    private InJvmBroker(Path folder, boolean keepsData, String username, String password) {
        this.folder = folder.toAbsolutePath();
        this.keepsData = keepsData;
        this.username = username;
        this.password = password;
    }

    /**
     * Whether {@code --storefront.broker} (by default: whether Debian's rabbitmq-server is installed) asks for the
     * broker in this JVM; refused when it names a broker that is not there, or none known.
     */
    static boolean isChosen(PropertyResolver settings) {
        String broker = settings.getProperty(SETTING, LocalBroker.isInstalled() ? RABBITMQ_SERVER : IN_JVM);
        return switch (broker) {
            case IN_JVM -> true;
            case RABBITMQ_SERVER -> {
                if (!LocalBroker.isInstalled()) {
                    throw new IllegalStateException("--" + SETTING + "=" + RABBITMQ_SERVER
                            + ", but RabbitMQ is not installed (apt-get install rabbitmq-server)");
                }
                yield false;
            }
            default -> throw new IllegalArgumentException("--" + SETTING + " is " + RABBITMQ_SERVER + " or " + IN_JVM
                    + ", not " + broker);
        };
    }

    /** Starts the broker with the credentials the command side will connect with. */
    static InJvmBroker start(Path folder, boolean keepsData, PropertyResolver settings) {
        return start(folder, keepsData,
                settings.getProperty("spring.rabbitmq.username", settings.getProperty("STOREFRONT_RABBITMQ_USER", "guest")),
                settings.getProperty("spring.rabbitmq.password", settings.getProperty("STOREFRONT_RABBITMQ_PASSWORD", "guest")));
    }

    /**
     * Starts a broker on a free port of 127.0.0.1 taking {@code username} and {@code password}; with
     * {@code keepsData} it keeps its durable queues and persistent messages in {@code folder}, where a broker started
     * on it before left them.
     */
    public static InJvmBroker start(Path folder, boolean keepsData, String username, String password) {
        InJvmBroker broker = new InJvmBroker(folder, keepsData, username, password);
        broker.start();
        return broker;
    }

    private synchronized void start() {
        try {
            Files.createDirectories(folder);
            // readable by its owner only: it holds the broker's password
            Path config = folder.resolve("broker.json");
            Files.deleteIfExists(config);
            if (config.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(config, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(config, JsonMapper.shared().writeValueAsString(configuration()));
            AtomicReference<RuntimeException> failure = new AtomicReference<>();
            SystemLauncher launcher = new SystemLauncher(new SystemLauncherListener.DefaultSystemLauncherListener() {
                @Override
                public void errorOnStartup(RuntimeException e) {
                    failure.set(e);
                }

                @Override
                public void onContainerResolve(SystemConfig<?> config) {
                    system = config;
                }
            });
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put(SystemConfig.TYPE, "Memory");
            attributes.put(SystemConfig.INITIAL_CONFIGURATION_LOCATION, config.toUri().toString());
            // by default Qpid reads classpath:system.properties, through a URL handler that the JVM finds on the
            // system class path only, not in the executable jar: none, from a file
            Path systemProperties = folder.resolve("system.properties");
            Files.writeString(systemProperties, "# no system properties of Qpid's own\n");
            attributes.put(SystemConfig.INITIAL_SYSTEM_PROPERTIES_LOCATION, systemProperties.toUri().toString());
            attributes.put(SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, false);
            // the broker's own files (none but its preferences, which it keeps nowhere) in its folder, not ./work
            attributes.put("preferenceStoreAttributes", Map.of("type", "Noop"));
            attributes.put(SystemConfig.CONTEXT, Map.of(SystemConfig.QPID_WORK_DIR, folder.toString(),
                    SystemConfig.PROPERTY_QPID_WORK, folder.toString()));
            keepHousekeepingFromHaltingTheJvm();
            quietBeforeTheApps();
            // Derby logs through Qpid's SLF4J logger, not to ./derby.log (which it makes as its driver loads, before
            // Qpid tells it so)
            System.getProperties().putIfAbsent("derby.stream.error.method",
                    "org.apache.qpid.server.store.derby.DerbyUtils.getDerbyLogWriter");
            launcher.startup(attributes);
            qpid = launcher;
            if (failure.get() != null || system == null) {
                stop();
                throw new IllegalStateException("The in-JVM broker (Qpid) did not start", failure.get());
            }
            leaveStoppingToTheLauncher();
            relay = RabbitDialect.start(HOST, amqpPort(), new RabbitDialect.Broker() {
                @Override
                public String deadLetterExchange(String exchange, String routingKey) {
                    return InJvmBroker.this.deadLetterExchange(exchange, routingKey);
                }

                @Override
                public long readyMessages(String queue) {
                    return InJvmBroker.this.readyMessages(queue);
                }
            });
            log.info("The in-JVM AMQP broker (Apache Qpid Broker-J) listens on {}:{}{}", HOST, relay.port(),
                    keepsData ? ", keeping its queues in " + folder : "");
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException("The in-JVM broker did not start", e);
        } catch (RuntimeException e) {
            stop();
            throw e;
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("The in-JVM broker (Qpid) did not start", e);
        }
    }

    /** The broker's configuration: its user, its one AMQP port, its virtual host and where that keeps its messages. */
    private Map<String, Object> configuration() {
        Map<String, Object> context = new LinkedHashMap<>();
        // RabbitMQ's semantics: a message rejected without requeueing goes to the dead-letter exchange, or is dropped
        context.put("queue.maximumDeliveryAttempts", "1");
        // and so does an expired one
        context.put("queue.defaultExpiryPolicy", "ROUTE_TO_ALTERNATE");
        context.put("virtualhost.housekeepingCheckPeriod", Long.toString(EXPIRY_CHECK_MILLIS));
        // the declare arguments Qpid does not know (RabbitMQ's, but those the relay translates) fail the declaration
        context.put("queue.behaviourOnUnknownDeclareArgument", "FAIL");
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("name", VIRTUAL_HOST);
        node.put("defaultVirtualHostNode", "true");
        if (keepsData) {
            node.put("type", "DERBY");
            node.put("storePath", folder.resolve("derby").toString());
            node.put("virtualHostInitialConfiguration", "{\"type\":\"ProvidedStore\"}");
        } else {
            node.put("type", "Memory");
            node.put("virtualHostInitialConfiguration", "{\"type\":\"Memory\"}");
        }
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("name", "storefront");
        configuration.put("modelVersion", org.apache.qpid.server.model.BrokerModel.MODEL_VERSION);
        configuration.put("context", context);
        configuration.put("authenticationproviders", List.of(Map.of("name", "plain", "type", "Plain",
                // PLAIN over the loopback interface, without TLS, as RabbitMQ takes guest there
                "secureOnlyMechanisms", List.of(),
                "users", List.of(Map.of("name", username, "type", "managed", "password", password)))));
        configuration.put("ports", List.of(Map.of("name", "AMQP", "type", "AMQP", "port", 0, "bindingAddress", HOST,
                "protocols", List.of("AMQP_0_9_1"), "authenticationProvider", "plain",
                "virtualhostaliases", List.of(Map.of("name", "defaultAlias", "type", "defaultAlias"),
                        Map.of("name", "nameAlias", "type", "nameAlias")))));
        configuration.put("virtualhostnodes", List.of(node));
        return configuration;
    }

    private Broker<?> broker() {
        return (Broker<?>) system.getContainer(Broker.class);
    }

    private int amqpPort() {
        return broker().getChildren(Port.class).stream().filter(port -> port.getName().equals("AMQP"))
                .findFirst().orElseThrow().getBoundPort();
    }

    private VirtualHost<?> virtualHost() {
        VirtualHostNode<?> node = broker().getChildByName(VirtualHostNode.class, VIRTUAL_HOST);
        return node.getVirtualHost();
    }

    /**
     * The exchange through which a dead letter reaches {@code exchange} with {@code routingKey}: Qpid routes a dead
     * letter through the alternate binding with the routing key it was published with, and RabbitMQ with the
     * queue's dead-letter routing key; a fanout exchange bound to {@code exchange} with that key as the replacement
     * routing key does as RabbitMQ does. Made, durable, on first use.
     */
    private synchronized String deadLetterExchange(String exchange, String routingKey) {
        String name = "storefront.dead-letters/" + exchange + "/" + routingKey;
        VirtualHost<?> host = virtualHost();
        @SuppressWarnings("unchecked")
        Exchange<?> deadLetters = host.getChildByName(Exchange.class, name);
        if (deadLetters == null) {
            deadLetters = host.createChild(Exchange.class, Map.of(Exchange.NAME, name, Exchange.TYPE, "fanout",
                    Exchange.DURABLE, true));
        }
        deadLetters.bind(exchange, "", Map.of("x-replacement-routing-key", routingKey), true);
        return name;
    }

    private long readyMessages(String queue) {
        @SuppressWarnings("unchecked")
        Queue<?> found = virtualHost().getChildByName(Queue.class, queue);
        return found == null ? -1 : found.getAvailableMessages();
    }

    /**
     * Qpid's broker registers a JVM shutdown hook that closes it, which would run beside the launcher's and stop the
     * broker under the apps still publishing: the launcher stops it itself, after them.
     */
    private void leaveStoppingToTheLauncher() {
        try {
            Field hook = BrokerImpl.class.getDeclaredField("_shutdownHook");
            hook.setAccessible(true);
            if (!Runtime.getRuntime().removeShutdownHook((Thread) hook.get(broker()))) {
                throw new IllegalStateException("no such hook registered");
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("The in-JVM broker may stop before the apps when the JVM is asked to stop: its shutdown hook stays ({})",
                    e.toString());
        }
    }

    /**
     * Qpid halts the JVM when one of its housekeeping tasks fails and no thread has a default handler for uncaught
     * exceptions: the whole platform would go with it. While it runs, such a failure is logged instead.
     */
    private void keepHousekeepingFromHaltingTheJvm() {
        if (Thread.getDefaultUncaughtExceptionHandler() == null) {
            ownHandler = (thread, failure) -> log.error("Uncaught exception in thread {}", thread.getName(), failure);
            Thread.setDefaultUncaughtExceptionHandler(ownHandler);
        }
    }

    /**
     * Until the apps set the logging up ({@link QuietBroker} keeps Qpid quiet from then on), the levels are Logback's
     * defaults: Qpid's start would fill the console.
     */
    private static void quietBeforeTheApps() {
        QuietBroker.LEVELS.forEach((setting, level) -> {
            String name = setting.substring("logging.level.".length());
            if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger && logger.getLevel() == null) {
                logger.setLevel(ch.qos.logback.classic.Level.toLevel(String.valueOf(level)));
            }
        });
    }

    /** Where it takes AMQP connections, on 127.0.0.1. */
    @Override
    public int port() {
        return relay.port();
    }

    /** Stops the broker; with a data directory its durable queues and persistent messages stay there. */
    @Override
    public synchronized void stop() {
        if (relay != null) {
            relay.close();
            relay = null;
        }
        if (qpid != null) {
            qpid.shutdown();
            qpid = null;
            system = null;
        }
        if (ownHandler != null && Thread.getDefaultUncaughtExceptionHandler() == ownHandler) {
            Thread.setDefaultUncaughtExceptionHandler(null);
        }
        ownHandler = null;
    }
}
