package io.storefront.launcher;

import redis.embedded.core.ExecutableProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real redis-server, the binary embedded-redis carries, run as the launcher's child. Not through
 * embedded-redis's {@code RedisServer}: that one stops the server from a shutdown hook of its own, while
 * the apps, which the launcher stops first, still use it; and it starts the server in the terminal's
 * session, where Ctrl+C stops it at once too.
 */
final class RedisProcess {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final int port;

    private RedisProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts redis-server on a free port of the loopback interface; with {@code durable} it keeps its data
     * (an append-only file) in {@code folder}, where it writes its process id in any case.
     */
    static RedisProcess start(Path folder, boolean durable) {
        try {
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            List<String> command = new ArrayList<>(List.of("setsid", ExecutableProvider.newJarResourceProvider().get().getAbsolutePath(),
                    "--port", Integer.toString(port), "--bind", "127.0.0.1", "--dir", folder.toString(),
                    "--pidfile", folder.resolve("redis.pid").toString()));
            command.addAll(durable ? List.of("--appendonly", "yes") : List.of("--save", "", "--appendonly", "no"));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(folder.resolve("redis.log").toFile())
                    .start();
            RedisProcess redis = new RedisProcess(process, port);
            redis.awaitListening(folder);
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException("Redis did not start: " + e.getMessage(), e);
        }
    }

    int port() {
        return port;
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    /** SIGTERM: Redis writes what it keeps and exits. */
    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitListening(Path folder) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Redis stopped while starting; see " + folder.resolve("redis.log"));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while Redis started", e);
                }
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("Redis did not listen within " + START_TIMEOUT.toSeconds() + " s");
    }
}
