package io.storefront.command.notification;

import com.rabbitmq.client.GetResponse;
import io.storefront.api.notification.Channel;
import io.storefront.api.notification.Message;
import io.storefront.api.notification.NotificationKind;
import io.storefront.launcher.InJvmBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.support.GenericApplicationContext;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.storefront.command.notification.NotificationQueues.PARKED;
import static io.storefront.command.notification.NotificationQueues.workQueue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The in-JVM broker (Qpid Broker-J) as the platform uses RabbitMQ: the platform's own queue layout
 * ({@link NotificationQueues}) and publisher ({@link NotificationQueue}, which waits for each confirm) through Spring
 * AMQP, as the command side connects. In this package for the platform's package-private classes.
 */
class InJvmBrokerTest {

    private static final Duration PAUSE = Duration.ofSeconds(1);
    private static final NotificationSettings SETTINGS = new NotificationSettings(List.of(PAUSE), "shop@example.com");

    @TempDir
    Path folder;

    private final List<AutoCloseable> opened = new ArrayList<>();
    private InJvmBroker broker;
    private RabbitAdmin admin;
    private RabbitTemplate rabbit;
    private NotificationQueue queue;

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : opened.reversed()) {
            closeable.close();
        }
    }

    @Test
    void a_message_is_confirmed_on_publishing_and_taken_off_its_channel_s_queue() {
        connect(InJvmBroker.start(folder, false, "guest", "guest"));
        Envelope envelope = envelope(Channel.EMAIL);

        queue.publish(envelope);

        assertThat(depth(workQueue(Channel.EMAIL))).isEqualTo(1);
        org.springframework.amqp.core.Message taken = rabbit.receive(workQueue(Channel.EMAIL), 5_000);
        assertThat(taken).isNotNull();
        assertThat(queue.read(taken.getBody())).isEqualTo(envelope);
        assertThat(taken.getMessageProperties().getHeaders()).containsEntry(NotificationQueue.ATTEMPT, 1);
        assertThat(rabbit.receive(workQueue(Channel.SMS))).as("routed by channel").isNull();
    }

    @Test
    void a_queue_s_depth_counts_the_messages_waiting_not_those_being_delivered() {
        connect(InJvmBroker.start(folder, false, "guest", "guest"));
        queue.publish(envelope(Channel.EMAIL));
        queue.publish(envelope(Channel.EMAIL));

        rabbit.execute(channel -> {
            GetResponse taken = channel.basicGet(workQueue(Channel.EMAIL), false);
            assertThat(depth(workQueue(Channel.EMAIL))).as("as RabbitMQ counts").isEqualTo(1);
            channel.basicNack(taken.getEnvelope().getDeliveryTag(), false, true);
            return null;
        });
        assertThat(depth(workQueue(Channel.EMAIL))).isEqualTo(2);
    }

    @Test
    void a_retried_message_waits_its_pause_on_the_retry_queue_then_is_back_on_its_channel_s_queue() {
        connect(InJvmBroker.start(folder, false, "guest", "guest"));
        Envelope envelope = envelope(Channel.SMS);

        assertThat(queue.retryLater(envelope, 1)).isTrue();
        long queued = System.nanoTime();

        assertThat(rabbit.receive(workQueue(Channel.SMS))).as("not before its pause").isNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> depth(workQueue(Channel.SMS)) == 1);
        assertThat(Duration.ofNanos(System.nanoTime() - queued)).isGreaterThanOrEqualTo(PAUSE);
        org.springframework.amqp.core.Message retried = rabbit.receive(workQueue(Channel.SMS), 5_000);
        assertThat(queue.read(retried.getBody())).isEqualTo(envelope);
        assertThat(retried.getMessageProperties().getHeaders()).containsEntry(NotificationQueue.ATTEMPT, 2);
        assertThat(depth(NotificationQueues.retryQueue(Channel.SMS, PAUSE))).isZero();
    }

    @Test
    void a_message_the_listener_rejects_is_parked_and_an_operator_takes_it_back() {
        connect(InJvmBroker.start(folder, false, "guest", "guest"));
        Envelope unreadable = envelope(Channel.PUSH);
        // as the courier's container does once its retries are spent: rejected, not requeued
        SimpleMessageListenerContainer listener = new SimpleMessageListenerContainer(rabbit.getConnectionFactory());
        listener.setQueueNames(workQueue(Channel.PUSH));
        listener.setAcknowledgeMode(AcknowledgeMode.AUTO);
        listener.setDefaultRequeueRejected(false);
        listener.setMessageListener(message -> {
            throw new IllegalStateException("the database is away");
        });
        listener.start();
        opened.add(listener::stop);

        queue.publish(unreadable);

        await().atMost(Duration.ofSeconds(10)).until(() -> queue.parked().size() == 1);
        listener.stop();
        NotificationQueue.Parked parked = queue.parked().getFirst();
        assertThat(parked.envelope()).isEqualTo(unreadable);
        assertThat(parked.reason()).isEqualTo("rejected by the listener");
        assertThat(depth(workQueue(Channel.PUSH))).isZero();

        Envelope other = envelope(Channel.EMAIL);
        queue.park(other, 4, "mailbox full");
        for (int look = 0; look < 2; look++) {
            // a look takes each parked message and puts them all back at once (basic.nack with multiple)
            assertThat(queue.parked()).extracting(NotificationQueue.Parked::reason)
                    .as("looking leaves them parked").containsExactly("rejected by the listener", "mailbox full");
        }
        List<Envelope> resent = new ArrayList<>();
        assertThat(queue.takeParked(other.notificationId(), resent::add)).contains(other);
        assertThat(resent).containsExactly(other);
        assertThat(queue.parked()).extracting(NotificationQueue.Parked::envelope).containsExactly(unreadable);
        assertThat(depth(PARKED)).isEqualTo(1);
    }

    @Test
    void with_a_data_directory_queued_messages_survive_a_restart(@TempDir Path dataDir) throws Exception {
        connect(InJvmBroker.start(dataDir, true, "guest", "guest"));
        Envelope waiting = envelope(Channel.EMAIL);
        Envelope retrying = envelope(Channel.SMS);
        queue.publish(waiting);
        queue.park(envelope(Channel.PUSH), 3, "no such device");
        stop();
        opened.clear();

        connect(InJvmBroker.start(dataDir, true, "guest", "guest"));
        org.springframework.amqp.core.Message kept = rabbit.receive(workQueue(Channel.EMAIL), 5_000);
        assertThat(kept).as("the persistent message on the durable queue").isNotNull();
        assertThat(queue.read(kept.getBody())).isEqualTo(waiting);
        assertThat(queue.parked()).extracting(NotificationQueue.Parked::reason).containsExactly("no such device");
        // dead-lettering and the pauses are the broker's, kept with the queues
        queue.retryLater(retrying, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> depth(workQueue(Channel.SMS)) == 1);
    }

    @Test
    void a_declare_argument_neither_broker_dialect_knows_is_refused() {
        connect(InJvmBroker.start(folder, false, "guest", "guest"));
        var unknown = org.springframework.amqp.core.QueueBuilder.durable("storefront.unknown-argument")
                .withArgument("x-no-such-argument", 1).build();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> admin.declareQueue(unknown))
                .hasStackTraceContaining("Unsupported queue declare argument(s) : x-no-such-argument");
        assertThat(admin.getQueueInfo("storefront.unknown-argument")).isNull();
    }

    /** Connects as the command side does, and declares the platform's queues as it does at its start. */
    private void connect(InJvmBroker started) {
        broker = started;
        opened.add(broker::stop);
        CachingConnectionFactory connections = new CachingConnectionFactory("127.0.0.1", broker.port());
        connections.setUsername("guest");
        connections.setPassword("guest");
        connections.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.SIMPLE);
        opened.add(connections::destroy);
        GenericApplicationContext context = new GenericApplicationContext();
        Declarables layout = new NotificationQueues().notificationTopology(SETTINGS);
        context.registerBean("notificationTopology", Declarables.class, () -> layout);
        admin = new RabbitAdmin(connections);
        admin.setApplicationContext(context);
        context.refresh();
        opened.add(context::close);
        admin.afterPropertiesSet();
        admin.initialize();
        rabbit = new RabbitTemplate(connections);
        queue = new NotificationQueue(rabbit, SETTINGS, Clock.systemUTC());
    }

    private long depth(String queueName) {
        var information = admin.getQueueInfo(queueName);
        assertThat(information).as(queueName + " is declared").isNotNull();
        return information.getMessageCount();
    }

    private static Envelope envelope(Channel channel) {
        return new Envelope(UUID.randomUUID().toString(),
                new Message("customer-1", channel, NotificationKind.ORDER_PLACED, "dewi@example.com", "en", null), null);
    }
}
