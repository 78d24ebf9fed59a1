package io.storefront.launcher;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A relay in front of the {@link InJvmBroker in-JVM broker} that lets it take RabbitMQ's queue declarations. Qpid
 * Broker-J refuses RabbitMQ's dead-lettering and TTL arguments, which it does not know; it has the same features
 * under other names, which it also takes as declare arguments. The relay passes every AMQP 0-9-1 frame on as it
 * came, but rewrites the arguments of a {@code queue.declare}:
 * <ul>
 *     <li>{@code x-dead-letter-exchange} and {@code x-dead-letter-routing-key} become an {@code alternateBinding}:
 *     to the queue named by the routing key where the exchange is the default one; to the exchange itself without a
 *     routing key; otherwise to an exchange that passes dead letters on to the exchange with that routing key
 *     ({@link Broker#deadLetterExchange});</li>
 *     <li>{@code x-message-ttl} becomes {@code maximumMessageTtl}.</li>
 * </ul>
 * Other arguments pass as they came: one Qpid does not know fails the declaration, as it would without the relay.
 * A {@code queue.declare-ok} counts the messages ready for delivery, as RabbitMQ's does ({@link #readyMessagesOnly}).
 * And where Qpid settles only the last of the deliveries a {@code basic.nack} names with {@code multiple} (leaving
 * the others taken, out of every consumer's reach, until the channel closes), the relay nacks each of them
 * ({@link Unsettled}), as the platform's look at its parked messages needs.
 */
final class RabbitDialect implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RabbitDialect.class);

    private static final byte[] AMQP_0_9_1 = {'A', 'M', 'Q', 'P', 0, 0, 9, 1};
    private static final int METHOD_FRAME = 1;
    private static final int FRAME_END = 0xCE;
    private static final int CHANNEL_CLASS = 20;
    private static final int CHANNEL_OPEN = 10;
    private static final int CHANNEL_CLOSE = 40;
    private static final int CHANNEL_CLOSE_OK = 41;
    private static final int QUEUE_CLASS = 50;
    private static final int QUEUE_DECLARE = 10;
    private static final int QUEUE_DECLARE_OK = 11;
    private static final int BASIC_CLASS = 60;
    private static final int BASIC_CONSUME = 20;
    private static final int BASIC_CONSUME_OK = 21;
    private static final int BASIC_DELIVER = 60;
    private static final int BASIC_GET = 70;
    private static final int BASIC_GET_OK = 71;
    private static final int BASIC_GET_EMPTY = 72;
    private static final int BASIC_ACK = 80;
    private static final int BASIC_REJECT = 90;
    private static final int BASIC_NACK = 120;
    static final String DEAD_LETTER_EXCHANGE = "x-dead-letter-exchange";
    static final String DEAD_LETTER_ROUTING_KEY = "x-dead-letter-routing-key";
    static final String MESSAGE_TTL = "x-message-ttl";

    /** What the relay asks of the broker behind it. */
    interface Broker {

        /** The name of the exchange (made if need be) that passes a message on to {@code exchange} with {@code routingKey}. */
        String deadLetterExchange(String exchange, String routingKey);

        /** How many messages wait on the queue to be delivered, or -1 when there is no such queue. */
        long readyMessages(String queue);
    }

    private final ServerSocket server;
    private final String host;
    private final int brokerPort;
    private final Broker broker;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();

    private RabbitDialect(ServerSocket server, String host, int brokerPort, Broker broker) {
        this.server = server;
        this.host = host;
        this.brokerPort = brokerPort;
        this.broker = broker;
    }

    /** Relays connections to a free port of {@code host} to the broker's {@code brokerPort}. */
    static RabbitDialect start(String host, int brokerPort, Broker broker) {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName(host));
            RabbitDialect relay = new RabbitDialect(server, host, brokerPort, broker);
            Thread.ofPlatform().daemon().name("in-jvm-broker-relay").start(relay::accept);
            return relay;
        } catch (IOException e) {
            throw new UncheckedIOException("The in-JVM broker's relay did not start", e);
        }
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException closed) {
                return;
            }
            int number = connections.incrementAndGet();
            try {
                Socket toBroker = new Socket(host, brokerPort);
                client.setTcpNoDelay(true);
                toBroker.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(toBroker);
                String name = "in-jvm-broker-relay-" + number;
                Unsettled unsettled = new Unsettled();
                Thread.ofPlatform().daemon().name(name + "-in").start(() -> relay(client, toBroker, true, unsettled));
                Thread.ofPlatform().daemon().name(name + "-out").start(() -> relay(toBroker, client, false, unsettled));
            } catch (IOException e) {
                log.warn("The in-JVM broker did not take a connection: {}", e.toString());
                closeQuietly(client);
            }
        }
    }

    /** Passes what {@code from} sends on to {@code to}, in RabbitMQ's dialect from the client on; then closes both. */
    private void relay(Socket from, Socket to, boolean fromClient, Unsettled unsettled) {
        try {
            DataInputStream in = new DataInputStream(new BufferedInputStream(from.getInputStream(), 64 * 1024));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(to.getOutputStream(), 64 * 1024));
            if (fromClient) {
                byte[] header = in.readNBytes(AMQP_0_9_1.length);
                out.write(header);
                out.flush();
                if (!Arrays.equals(header, AMQP_0_9_1)) {
                    // another protocol, which the broker answers with the one it speaks: nothing to translate
                    in.transferTo(out);
                    out.flush();
                    return;
                }
            }
            Frame frame;
            while ((frame = Frame.read(in)) != null) {
                if (frame.type() != METHOD_FRAME) {
                    frame.write(out);
                } else if (fromClient) {
                    fromClient(frame, unsettled, out);
                } else if (frame.is(QUEUE_CLASS, QUEUE_DECLARE_OK)) {
                    readyMessagesOnly(frame).write(out);
                } else {
                    unsettled.fromBroker(frame);
                    frame.write(out);
                }
                if (in.available() == 0) {
                    out.flush();
                }
            }
            out.flush();
        } catch (IOException ended) {
            // one side closed the connection: so does the relay
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void fromClient(Frame frame, Unsettled unsettled, DataOutputStream out) throws IOException {
        if (frame.is(QUEUE_CLASS, QUEUE_DECLARE)) {
            new Frame(frame.type(), frame.channel(), translateQueueDeclare(frame.payload(), broker)).write(out);
        } else if (frame.is(BASIC_CLASS, BASIC_NACK)) {
            for (Frame settling : unsettled.nack(frame)) {
                settling.write(out);
            }
        } else {
            unsettled.fromClient(frame);
            frame.write(out);
        }
    }

    /**
     * A {@code queue.declare-ok} that counts the messages waiting on the queue, as RabbitMQ's does: Qpid's counts
     * the ones delivered and not acknowledged yet too, which a queue's depth (the platform's gauge) is not about.
     */
    private Frame readyMessagesOnly(Frame declared) {
        ByteBuffer arguments = declared.arguments();
        String queue = Frame.shortString(arguments);
        int countAt = 4 + arguments.position();
        long ready = broker.readyMessages(queue);
        if (ready < 0) {
            return declared;
        }
        byte[] payload = declared.payload().clone();
        ByteBuffer.wrap(payload).putInt(countAt, (int) Math.min(ready, 0xFFFFFFFFL));
        return new Frame(declared.type(), declared.channel(), payload);
    }

    /**
     * The {@code queue.declare} method {@code payload} with RabbitMQ's dead-lettering and TTL arguments in Qpid's
     * terms; as it came when it has none, or when they cannot be translated (Qpid then refuses them).
     */
    static byte[] translateQueueDeclare(byte[] payload, Broker broker) {
        ByteBuffer method = ByteBuffer.wrap(payload);
        // class, method, reserved short, the queue's name, the bits (passive, durable, ...)
        int argumentsAt = 6 + 1 + (method.get(6) & 0xFF) + 1;
        if (payload.length < argumentsAt + 4) {
            return payload;
        }
        String queue = new String(payload, 7, method.get(6) & 0xFF, StandardCharsets.UTF_8);
        try {
            Map<String, Field> arguments = Field.table(method.position(argumentsAt).slice());
            Map<String, Field> translated = translate(queue, arguments, broker);
            if (translated == arguments) {
                return payload;
            }
            ByteArrayOutputStream rewritten = new ByteArrayOutputStream(payload.length + 128);
            rewritten.write(payload, 0, argumentsAt);
            rewritten.writeBytes(Field.encode(translated));
            return rewritten.toByteArray();
        } catch (RuntimeException e) {
            log.warn("The declaration of queue {} is passed to the in-JVM broker untranslated: {}", queue, e.toString());
            return payload;
        }
    }

    private static Map<String, Field> translate(String queue, Map<String, Field> arguments,
                                                Broker broker) {
        Field exchange = arguments.get(DEAD_LETTER_EXCHANGE);
        Field routingKey = arguments.get(DEAD_LETTER_ROUTING_KEY);
        Field ttl = arguments.get(MESSAGE_TTL);
        if (exchange == null && ttl == null) {
            return arguments;
        }
        Map<String, Field> translated = new LinkedHashMap<>(arguments);
        if (exchange != null) {
            String destination;
            if (routingKey == null) {
                destination = exchange.string();
            } else if (exchange.string().isEmpty()) {
                // the default exchange routes by queue name
                destination = routingKey.string();
            } else {
                destination = broker.deadLetterExchange(exchange.string(), routingKey.string());
            }
            if (destination.isEmpty()) {
                throw new IllegalArgumentException("a dead letter of queue " + queue + " would go back to it");
            }
            translated.remove(DEAD_LETTER_EXCHANGE);
            translated.remove(DEAD_LETTER_ROUTING_KEY);
            translated.put("alternateBinding", Field.table(Map.of("destination", Field.string(destination))));
        }
        if (ttl != null) {
            long millis = ttl.number();
            if (millis <= 0) {
                // Qpid reads 0 as no limit; RabbitMQ as expiring unless delivered at once
                throw new IllegalArgumentException(MESSAGE_TTL + " " + millis + " has no counterpart");
            }
            translated.remove(MESSAGE_TTL);
            translated.put("maximumMessageTtl", Field.longNumber(millis));
        }
        return translated;
    }

    @Override
    public void close() {
        closeQuietly(server);
        sockets.forEach(RabbitDialect::closeQuietly);
        sockets.clear();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing: nothing more to do
        }
    }

    /** An AMQP 0-9-1 frame: its type, its channel and its payload (for a method: class, method and arguments). */
    record Frame(int type, int channel, byte[] payload) {

        /** The next frame, or null once the stream ends between two frames. */
        static Frame read(DataInputStream in) throws IOException {
            int type = in.read();
            if (type < 0) {
                return null;
            }
            int channel = in.readUnsignedShort();
            int size = in.readInt();
            byte[] payload = in.readNBytes(size);
            if (payload.length < size || in.read() != FRAME_END) {
                throw new EOFException("a frame that ends early or badly");
            }
            return new Frame(type, channel, payload);
        }

        static Frame method(int channel, int classId, int methodId, ByteBuffer arguments) {
            ByteBuffer payload = ByteBuffer.allocate(4 + arguments.remaining()).putShort((short) classId)
                    .putShort((short) methodId).put(arguments);
            return new Frame(METHOD_FRAME, channel, payload.array());
        }

        void write(DataOutputStream out) throws IOException {
            out.write(type);
            out.writeShort(channel);
            out.writeInt(payload.length);
            out.write(payload);
            out.write(FRAME_END);
        }

        boolean is(int classId, int methodId) {
            return type == METHOD_FRAME && payload.length >= 4 && ByteBuffer.wrap(payload).getShort(0) == classId
                    && ByteBuffer.wrap(payload).getShort(2) == methodId;
        }

        /** The method's arguments, after its class and method. */
        ByteBuffer arguments() {
            return ByteBuffer.wrap(payload, 4, payload.length - 4).slice();
        }

        static String shortString(ByteBuffer at) {
            byte[] bytes = new byte[at.get() & 0xFF];
            at.get(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /**
     * The deliveries of one connection that its client has not acknowledged or rejected yet, by channel: Qpid settles
     * only the named delivery of a {@code basic.nack} with {@code multiple} set, and leaves the earlier ones taken
     * until the channel closes; the relay nacks them one by one instead, as RabbitMQ would all at once. Deliveries
     * without acknowledgement ({@code no-ack} gets and consumers) are not counted.
     */
    static final class Unsettled {

        private final Map<Integer, NavigableSet<Long>> deliveries = new ConcurrentHashMap<>();
        private final Map<Integer, Boolean> getsWithoutAck = new ConcurrentHashMap<>();
        private final Map<Integer, Boolean> consumingWithoutAck = new ConcurrentHashMap<>();
        private final Map<Integer, Set<String>> consumersWithoutAck = new ConcurrentHashMap<>();

        void fromClient(Frame frame) {
            int channel = frame.channel();
            ByteBuffer arguments = frame.arguments();
            if (frame.is(CHANNEL_CLASS, CHANNEL_OPEN) || frame.is(CHANNEL_CLASS, CHANNEL_CLOSE)
                    || frame.is(CHANNEL_CLASS, CHANNEL_CLOSE_OK)) {
                forget(channel);
            } else if (frame.is(BASIC_CLASS, BASIC_GET)) {
                arguments.getShort();
                Frame.shortString(arguments);
                getsWithoutAck.put(channel, (arguments.get() & 1) != 0);
            } else if (frame.is(BASIC_CLASS, BASIC_CONSUME)) {
                arguments.getShort();
                Frame.shortString(arguments);
                String consumerTag = Frame.shortString(arguments);
                boolean noAck = (arguments.get() & 2) != 0;
                if (noAck && !consumerTag.isEmpty()) {
                    consumersWithoutAck.computeIfAbsent(channel, key -> ConcurrentHashMap.newKeySet()).add(consumerTag);
                } else {
                    consumingWithoutAck.put(channel, noAck);
                }
            } else if (frame.is(BASIC_CLASS, BASIC_ACK)) {
                long tag = arguments.getLong();
                settle(channel, tag, (arguments.get() & 1) != 0);
            } else if (frame.is(BASIC_CLASS, BASIC_REJECT)) {
                settle(channel, arguments.getLong(), false);
            }
        }

        void fromBroker(Frame frame) {
            int channel = frame.channel();
            ByteBuffer arguments = frame.arguments();
            if (frame.is(CHANNEL_CLASS, CHANNEL_CLOSE) || frame.is(CHANNEL_CLASS, CHANNEL_CLOSE_OK)) {
                forget(channel);
            } else if (frame.is(BASIC_CLASS, BASIC_GET_OK)) {
                long tag = arguments.getLong();
                if (!Boolean.TRUE.equals(getsWithoutAck.remove(channel))) {
                    delivered(channel, tag);
                }
            } else if (frame.is(BASIC_CLASS, BASIC_GET_EMPTY)) {
                getsWithoutAck.remove(channel);
            } else if (frame.is(BASIC_CLASS, BASIC_CONSUME_OK)) {
                String consumerTag = Frame.shortString(arguments);
                if (Boolean.TRUE.equals(consumingWithoutAck.remove(channel))) {
                    consumersWithoutAck.computeIfAbsent(channel, key -> ConcurrentHashMap.newKeySet()).add(consumerTag);
                }
            } else if (frame.is(BASIC_CLASS, BASIC_DELIVER)) {
                String consumerTag = Frame.shortString(arguments);
                long tag = arguments.getLong();
                if (!consumersWithoutAck.getOrDefault(channel, Set.of()).contains(consumerTag)) {
                    delivered(channel, tag);
                }
            }
        }

        /** A {@code basic.nack} as frames for Qpid: one per delivery it settles when it names several. */
        List<Frame> nack(Frame frame) {
            ByteBuffer arguments = frame.arguments();
            long tag = arguments.getLong();
            byte bits = arguments.get();
            boolean multiple = (bits & 1) != 0;
            NavigableSet<Long> open = deliveries.get(frame.channel());
            if (!multiple || open == null) {
                settle(frame.channel(), tag, false);
                return List.of(frame);
            }
            List<Frame> frames = new ArrayList<>();
            NavigableSet<Long> settled = open.headSet(tag, true);
            for (long each : settled) {
                frames.add(Frame.method(frame.channel(), BASIC_CLASS, BASIC_NACK,
                        ByteBuffer.allocate(9).putLong(each).put((byte) (bits & ~1)).flip()));
            }
            settled.clear();
            return frames.isEmpty() ? List.of(frame) : frames;
        }

        private void delivered(int channel, long tag) {
            deliveries.computeIfAbsent(channel, key -> new ConcurrentSkipListSet<>()).add(tag);
        }

        private void settle(int channel, long tag, boolean multiple) {
            NavigableSet<Long> open = deliveries.get(channel);
            if (open == null) {
                return;
            }
            if (multiple) {
                open.headSet(tag, true).clear();
            } else {
                open.remove(tag);
            }
        }

        private void forget(int channel) {
            deliveries.remove(channel);
            getsWithoutAck.remove(channel);
            consumingWithoutAck.remove(channel);
            consumersWithoutAck.remove(channel);
        }
    }

    /** A value of an AMQP 0-9-1 field table, as its type and its encoded bytes. */
    record Field(char type, byte[] value) {

        static Field string(String value) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            return new Field('S', ByteBuffer.allocate(4 + bytes.length).putInt(bytes.length).put(bytes).array());
        }

        static Field longNumber(long value) {
            return new Field('l', ByteBuffer.allocate(8).putLong(value).array());
        }

        static Field table(Map<String, Field> entries) {
            return new Field('F', encode(entries));
        }

        String string() {
            if (type != 'S') {
                throw new IllegalArgumentException("not a string but a value of type " + type);
            }
            return new String(value, 4, value.length - 4, StandardCharsets.UTF_8);
        }

        long number() {
            ByteBuffer buffer = ByteBuffer.wrap(value);
            return switch (type) {
                case 'b' -> buffer.get();
                case 'B' -> buffer.get() & 0xFF;
                case 's' -> buffer.getShort();
                case 'u' -> buffer.getShort() & 0xFFFF;
                case 'I' -> buffer.getInt();
                case 'i' -> buffer.getInt() & 0xFFFFFFFFL;
                case 'l', 'L' -> buffer.getLong();
                default -> throw new IllegalArgumentException("not a whole number but a value of type " + type);
            };
        }

        /** A field table: its size, then each entry's name, type and value. */
        static Map<String, Field> table(ByteBuffer encoded) {
            int size = encoded.getInt();
            ByteBuffer entries = encoded.slice(encoded.position(), size);
            Map<String, Field> table = new LinkedHashMap<>();
            while (entries.hasRemaining()) {
                byte[] name = new byte[entries.get() & 0xFF];
                entries.get(name);
                char type = (char) entries.get();
                byte[] value = new byte[valueSize(type, entries)];
                entries.get(value);
                table.put(new String(name, StandardCharsets.UTF_8), new Field(type, value));
            }
            return table;
        }

        static byte[] encode(Map<String, Field> table) {
            ByteArrayOutputStream entries = new ByteArrayOutputStream();
            table.forEach((name, field) -> {
                byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
                entries.write(bytes.length);
                entries.writeBytes(bytes);
                entries.write(field.type());
                entries.writeBytes(field.value());
            });
            return ByteBuffer.allocate(4 + entries.size()).putInt(entries.size()).put(entries.toByteArray()).array();
        }

        private static int valueSize(char type, ByteBuffer at) {
            return switch (type) {
                case 'V' -> 0;
                case 't', 'b', 'B' -> 1;
                case 's', 'u' -> 2;
                case 'I', 'i', 'f' -> 4;
                case 'D' -> 5;
                case 'l', 'L', 'd', 'T' -> 8;
                case 'S', 'x', 'A', 'F' -> 4 + at.getInt(at.position());
                default -> throw new IllegalArgumentException("unknown field type " + type);
            };
        }
    }
}
