package io.storefront.command.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A RabbitMQ server of this machine's own (Debian's {@code rabbitmq-server}), run as a child process
 * with its node, ports and data in one folder: for the embedded default and the tests, as PostgreSQL
 * runs from its binaries. Stopped and started again on the same folder, it keeps its durable queues
 * and persistent messages, as a real broker restart does.
 */
public final class LocalBroker {

    private static final Path SERVER = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /** The file in the broker's folder that holds the process id of its Erlang VM. */
    public static final String PID_FILE = "broker.pid";

    private final Path folder;
    private final int port;
    private final int distributionPort;
    private volatile Process process;

    private LocalBroker(Path folder, int port, int distributionPort) {
        this.folder = folder;
        this.port = port;
        this.distributionPort = distributionPort;
    }

    public static boolean isInstalled() {
        return Files.isExecutable(SERVER);
    }

    /** Starts a broker listening for AMQP on a free port, keeping its data in {@code folder}. */
    public static LocalBroker start(Path folder) {
        LocalBroker broker = launch(folder);
        broker.awaitListening();
        return broker;
    }

    /**
     * Starts a broker as {@link #start(Path)} does, without waiting for it to listen: its port is known at once,
     * and {@link #awaitListening()} waits. The Erlang VM takes seconds to boot, which its users can spend starting.
     */
    public static LocalBroker launch(Path folder) {
        LocalBroker broker = new LocalBroker(folder.toAbsolutePath(), freePort(), freePort());
        broker.spawn();
        return broker;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public synchronized void start() {
        spawn();
        awaitListening();
    }

    private synchronized void spawn() {
        if (!isInstalled()) {
            throw new IllegalStateException("RabbitMQ is not installed: apt-get install rabbitmq-server");
        }
        try {
            Files.createDirectories(folder);
            // a session of its own: a terminal's Ctrl+C reaches the JVM, which stops the broker after the apps
            ProcessBuilder builder = new ProcessBuilder("setsid", SERVER.toString())
                    .directory(folder.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(folder.resolve("server.log").toFile());
            Map<String, String> env = builder.environment();
            // one node name per folder: its data is kept under that name, and two brokers on one host need two names
            env.put("RABBITMQ_NODENAME", "storefront-" + Integer.toHexString(folder.hashCode()) + "@localhost");
            env.put("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
            env.put("RABBITMQ_NODE_PORT", Integer.toString(port));
            env.put("RABBITMQ_DIST_PORT", Integer.toString(distributionPort));
            env.put("RABBITMQ_BASE", folder.toString());
            env.put("RABBITMQ_MNESIA_BASE", folder.resolve("mnesia").toString());
            env.put("RABBITMQ_LOG_BASE", folder.resolve("log").toString());
            env.put("RABBITMQ_ENABLED_PLUGINS_FILE", folder.resolve("enabled_plugins").toString());
            env.put("RABBITMQ_CONFIG_FILE", folder.resolve("rabbitmq").toString());
            // where the Erlang VM writes its process id: a launcher that finds it alive, left by one that crashed, stops it
            env.put("RABBITMQ_PID_FILE", folder.resolve(PID_FILE).toString());
            // the Erlang cookie lives in HOME; the folder's own keeps this node apart from any other
            env.put("HOME", folder.toString());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("RabbitMQ did not start", e);
        }
    }

    /** Stops the broker the way an operator does: its durable queues and persistent messages stay on disk. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> erlang = process.descendants().toList();
        erlang.forEach(ProcessHandle::destroy);
        process.destroy();
        process.onExit().join();
        // the Erlang VM shuts down in its own time; wait for it, so that a restart finds its ports free
        List<ProcessHandle> vm = erlang.stream()
                .filter(handle -> handle.info().command().map(command -> command.endsWith("beam.smp")).orElse(false))
                .toList();
        Instant deadline = Instant.now().plus(STOP_TIMEOUT);
        while (!vm.stream().allMatch(LocalBroker::ended) && Instant.now().isBefore(deadline)) {
            pause();
        }
        process = null;
    }

    /** Ends the broker at once, without waiting: for a JVM on its way out, whose broker keeps nothing. */
    public synchronized void kill() {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process = null;
        }
    }

    /**
     * Whether the process is gone. A grandchild that ended lingers as a zombie where nothing reaps
     * orphans (a container's first process may not), and Java still counts a zombie as alive.
     */
    private static boolean ended(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException | RuntimeException gone) {
            return true;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while RabbitMQ stopped", e);
        }
    }

    private static void waitForExit(Process process, Duration atMost) {
        try {
            process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while RabbitMQ started", e);
        }
    }

    /** Waits until the broker accepts connections; it fails if the broker stops or is not listening within a minute. */
    public void awaitListening() {
        Process starting = process;
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (starting == null || !starting.isAlive()) {
                throw new IllegalStateException("RabbitMQ stopped while starting; see " + folder.resolve("server.log"));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                waitForExit(starting, Duration.ofMillis(200));
            }
        }
        stop();
        throw new IllegalStateException("RabbitMQ did not listen within " + START_TIMEOUT);
    }
}
