package io.storefront.launcher;

import io.storefront.command.notification.LocalBroker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the launcher's servers that run as processes of their own (PostgreSQL, redis-server, RabbitMQ)
 * keep their data and their process ids: the data directory, or a temporary folder gone after the stop.
 *
 * <p>One launcher at a time holds the folder, by a file lock that the kernel releases however the launcher
 * ends, {@code kill -9} included. A launcher that takes over the folder from one that crashed first stops
 * the servers that one left running: they would hold the folder's data (PostgreSQL refuses to start on a
 * data directory in use) and never stop. And every server is put on a {@link #leash}, so that it does not
 * outlive the launcher that started it.
 */
final class ServerFolder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServerFolder.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    /** A server's process id file, relative to the folder, and what its command is called. */
    private record Server(String pidFile, String command) {
    }

    static final String POSTGRES = "postgres";
    static final String REDIS = "redis";
    static final String RABBITMQ = "rabbitmq";
    /** The in-JVM broker's folder ({@link InJvmBroker}): no process of its own, it goes with the launcher. */
    static final String QPID = "qpid";
    private static final List<Server> SERVERS = List.of(
            new Server(POSTGRES + "/postmaster.pid", "postgres"),
            new Server(REDIS + "/redis.pid", "redis-server"),
            new Server(RABBITMQ + "/" + LocalBroker.PID_FILE, "beam.smp"));

    private final Path root;
    private final boolean temporary;
    private final FileChannel lockFile;

    private ServerFolder(Path root, boolean temporary, FileChannel lockFile) {
        this.root = root;
        this.temporary = temporary;
        this.lockFile = lockFile;
    }

    /**
     * Takes the data directory ({@code null} or blank: a new temporary folder) for this launcher, after
     * stopping what a crashed one left running there; refused while another launcher runs on it.
     */
    static ServerFolder claim(String dataDir) {
        boolean temporary = dataDir == null || dataDir.isBlank();
        try {
            Path root = temporary ? Files.createTempDirectory("storefront-") : Files.createDirectories(Path.of(dataDir)).toAbsolutePath();
            FileChannel lockFile = FileChannel.open(root.resolve("launcher.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = lockFile.tryLock();
            if (lock == null) {
                lockFile.close();
                throw new IllegalStateException("Another Storefront launcher is running with the data directory " + root
                        + "; stop it first, or give this one a --storefront.data-dir of its own");
            }
            ServerFolder folder = new ServerFolder(root, temporary, lockFile);
            folder.stopLeftovers();
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("The data directory " + dataDir + " cannot be used", e);
        }
    }

    Path root() {
        return root;
    }

    boolean keepsData() {
        return !temporary;
    }

    /** A server's own folder inside this one, made if need be. */
    Path of(String server) {
        try {
            return Files.createDirectories(root.resolve(server));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The process whose id a server wrote in its file, if it runs. */
    Optional<ProcessHandle> running(String server) {
        return SERVERS.stream().filter(known -> known.pidFile().startsWith(server + "/")).findFirst()
                .flatMap(this::running);
    }

    /**
     * Ties a server's process to this JVM: a watcher, in a session of its own (out of reach of the
     * terminal's Ctrl+C), stops the server with SIGTERM once the JVM is gone without stopping it, as a
     * crash or {@code kill -9} leaves it. A server stopped in the ordinary way ends its watcher too.
     */
    static void leash(ProcessHandle server) {
        long jvm = ProcessHandle.current().pid();
        String watch = "while kill -0 %1$d 2>/dev/null && kill -0 %2$d 2>/dev/null; do sleep 1; done; kill -0 %1$d 2>/dev/null || kill -TERM %2$d 2>/dev/null"
                .formatted(jvm, server.pid());
        try {
            new ProcessBuilder("setsid", "sh", "-c", watch)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            log.warn("Nothing watches server process {}: it outlives a crash of this JVM ({})", server.pid(), e.getMessage());
        }
    }

    private void stopLeftovers() {
        SERVERS.forEach(server -> running(server).ifPresent(process -> {
            log.warn("Stopping {} (pid {}), left running in {} by a launcher that did not stop", server.command(), process.pid(), root);
            stop(process);
        }));
        releasePostgres();
    }

    /**
     * After PostgreSQL was killed, its backends end by themselves (they watch their postmaster), and its
     * lock file stays behind, naming a process that is gone, or a zombie where nothing reaps orphans (a
     * container's first process may not): PostgreSQL, which counts a zombie as alive, would refuse the
     * folder. Once no process works in the folder any more, a lock file whose postmaster is not running
     * is stale, and goes.
     */
    private void releasePostgres() {
        Path folder = root.resolve(POSTGRES);
        ProcessHandle.allProcesses().filter(ServerFolder::running).filter(process -> worksIn(process, folder)).forEach(ServerFolder::stop);
        Path lockFile = folder.resolve("postmaster.pid");
        if (Files.exists(lockFile) && running(SERVERS.getFirst()).isEmpty()) {
            try {
                Files.delete(lockFile);
            } catch (IOException e) {
                throw new UncheckedIOException("The stale lock file " + lockFile + " cannot be removed", e);
            }
        }
    }

    /** SIGTERM, and SIGKILL if it has not ended in time; not through {@code onExit()}, which waits on zombies too. */
    private static void stop(ProcessHandle process) {
        process.destroy();
        Instant deadline = Instant.now().plus(STOP_TIMEOUT);
        while (running(process)) {
            if (Instant.now().isAfter(deadline)) {
                process.destroyForcibly();
                deadline = Instant.MAX;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static boolean worksIn(ProcessHandle process, Path folder) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd")).equals(folder);
        } catch (IOException | UnsupportedOperationException unknown) {
            return false;
        }
    }

    /** Alive, and not a zombie, which Java counts as alive. */
    private static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException | RuntimeException gone) {
            return false;
        }
    }

    /** The process of the id in the server's file, if it is alive and is that server (ids are reused). */
    private Optional<ProcessHandle> running(Server server) {
        Path pidFile = root.resolve(server.pidFile());
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
            return ProcessHandle.of(Long.parseLong(first))
                    .filter(ServerFolder::running)
                    .filter(process -> process.info().command().map(command -> command.endsWith("/" + server.command())).orElse(false));
        } catch (IOException | NumberFormatException unreadable) {
            return Optional.empty();
        }
    }

    /** Lets the next launcher have the folder; a temporary one is deleted. */
    @Override
    public void close() {
        try {
            lockFile.close();
            if (temporary) {
                FileSystemUtils.deleteRecursively(root);
            }
        } catch (IOException e) {
            log.warn("The folder {} was not released cleanly: {}", root, e.getMessage());
        }
    }
}
