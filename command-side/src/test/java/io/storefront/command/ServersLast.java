package io.storefront.command;

import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.time.Instant;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Stops this test JVM's servers after the applications that use them. A JVM runs its shutdown hooks all at
 * once: Spring's, which close the test contexts, beside the servers' own, which took PostgreSQL or Kafka away
 * while processors and producers still used them; their retries outlasted surefire's 30 s wait for the JVM
 * to exit, and it was killed. Servers hand their stop to this class instead of a hook of their own, and each
 * context that uses them is {@linkplain #uses registered}: the one hook waits for those to close first.
 */
public final class ServersLast {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final Set<ConfigurableApplicationContext> apps = ConcurrentHashMap.newKeySet();
    private static final Deque<Runnable> stops = new ConcurrentLinkedDeque<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ServersLast::stopAll, "test-servers-last"));
    }

    private ServersLast() {
    }

    /** An application of this JVM that uses its servers: they stop once it has closed. */
    public static void uses(ConfigurableApplicationContext app) {
        apps.add(app);
    }

    /** A server's stop, run after the applications have closed, the last server started first. */
    public static void stop(Runnable stop) {
        stops.push(stop);
    }

    private static void stopAll() {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (apps.stream().anyMatch(ConfigurableApplicationContext::isActive) && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Runnable stop = stops.poll(); stop != null; stop = stops.poll()) {
            try {
                stop.run();
            } catch (RuntimeException ignored) {
                // the JVM is going; a server that does not stop cleanly goes with it
            }
        }
    }
}
