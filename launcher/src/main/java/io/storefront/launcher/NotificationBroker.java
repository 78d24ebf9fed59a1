package io.storefront.launcher;

import io.storefront.command.notification.LocalBroker;

/**
 * The AMQP 0-9-1 broker the customers' notifications go through in the embedded default, on this machine: Debian's
 * RabbitMQ as a child process ({@link LocalBroker}) or the {@link InJvmBroker}.
 */
interface NotificationBroker {

    /** Where it takes AMQP connections, on 127.0.0.1: known at once, before it listens. */
    int port();

    /** Waits until it takes connections; one in this JVM does from its start. */
    default void awaitListening() {
    }

    /** Stops it; what it keeps on disk (durable queues, persistent messages) stays for the next start. */
    void stop();

    /**
     * RabbitMQ launched in {@code folder}: once it listens, its Erlang VM has written the process id that leashes
     * it to this JVM.
     */
    static NotificationBroker of(LocalBroker rabbit, ServerFolder folder) {
        return new NotificationBroker() {
            @Override
            public int port() {
                return rabbit.port();
            }

            @Override
            public void awaitListening() {
                rabbit.awaitListening();
                folder.running(ServerFolder.RABBITMQ).ifPresent(ServerFolder::leash);
            }

            @Override
            public void stop() {
                rabbit.stop();
            }
        };
    }
}
