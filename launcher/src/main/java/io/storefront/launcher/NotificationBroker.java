package io.storefront.launcher;

import io.storefront.command.notification.LocalBroker;

/**
 * The AMQP 0-9-1 broker the customers' notifications go through in the embedded default, on this machine: Debian's
 * RabbitMQ as a child process ({@link LocalBroker}) or the {@link InJvmBroker}.
 */
interface NotificationBroker {

    /** Where it takes AMQP connections, on 127.0.0.1. */
    int port();

    /** Stops it; what it keeps on disk (durable queues, persistent messages) stays for the next start. */
    void stop();

    static NotificationBroker of(LocalBroker rabbit) {
        return new NotificationBroker() {
            @Override
            public int port() {
                return rabbit.port();
            }

            @Override
            public void stop() {
                rabbit.stop();
            }
        };
    }
}
