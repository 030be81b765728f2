package dev.ledger.network;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP relay that holds every byte for a fixed time in each direction: the network delay of a link between two
 * processes of a cluster, on a kernel without netem. One event loop moves the bytes; what it reads waits in one queue
 * in the order it was read, so order is kept per connection and the delay, the same for all, keeps the queue sorted by
 * due time. A timer thread wakes the loop when the queue's head is due, early by the lateness it has seen on average
 * (a thread that parks for a while wakes some tens of microseconds late), so that bytes leave on time on average.
 *
 * <p>Run as a process of its own ({@link RelayProcess}), so that its CPU is measured apart from the cluster's and the
 * driver's: {@code DelayRelay <one-way delay µs> <name>@<listen port>=<host>:<port> ...}, a listen port of 0 taking a
 * free one. It prints {@code link <name> <port>} for each link, then {@code echo <direct port> <relayed port>} (an echo
 * server and a link to it, so that the launcher can measure what the relay adds to a round trip), then
 * {@code ready}. Lines on its input: {@code delay <µs>} sets the delay of what it reads from then on and is answered
 * with the same line; {@code close <name>} stops a link (its listener and its connections), answered {@code closed
 * <name>}, so that the target itself can take the link's port; {@code open <name>@<listen port>=<host>:<port>} starts
 * one, answered as at the start. The end of its input (its launcher gone) ends it.
 */
public final class DelayRelay implements Closeable {

    /** Bytes read from one side and not yet written to the other beyond which the relay stops reading that side. */
    static final String LOOPBACK = "127.0.0.1";
    private static final int QUEUED_MAX = 4 << 20;
    private static final int READ_BUFFER = 64 << 10;
    /** How much of the last lateness the running average keeps (1/8 per new sample, as TCP's SRTT). */
    private static final int LATENESS_WEIGHT = 8;

    private final Selector selector;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER);
    /** Written and emptied by the loop, read by the timer: what was read, in the order it is due. */
    private final ConcurrentLinkedQueue<Chunk> queue = new ConcurrentLinkedQueue<>();
    /** Changes to the links, run by the loop: a channel is registered with the selector and closed only there. */
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Owned by the loop once it runs: each link's listener and the connections it accepted. */
    private final Map<String, ServerSocketChannel> listeners = new HashMap<>();
    private final Map<String, List<Connection>> connections = new HashMap<>();
    private final Thread loop;
    private final Thread timer;
    private volatile long delayNanos;
    private volatile boolean open = true;
    /** The average lateness of a due chunk when the timer woke the loop for it: how early the timer wakes it. */
    private volatile long earlyNanos;

    private DelayRelay(long delayMicros) throws IOException {
        this.selector = Selector.open();
        this.delayNanos = TimeUnit.MICROSECONDS.toNanos(delayMicros);
        this.loop = new Thread(this::runLoop, "relay-loop");
        this.timer = new Thread(this::runTimer, "relay-timer");
    }

    /** A target the relay forwards a listen port to. */
    record Link(String name, int listenPort, InetSocketAddress target) {

        /** {@code <name>@<listen port>=<host>:<port>}. */
        static Link parse(String argument) {
            int at = argument.indexOf('@');
            int equals = argument.indexOf('=');
            int colon = argument.lastIndexOf(':');
            if (at < 1 || equals < at || colon < equals) {
                throw new IllegalArgumentException("not <name>@<listen port>=<host>:<port>: " + argument);
            }
            return new Link(argument.substring(0, at), Integer.parseInt(argument.substring(at + 1, equals)),
                    new InetSocketAddress(argument.substring(equals + 1, colon),
                            Integer.parseInt(argument.substring(colon + 1))));
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: DelayRelay <one-way delay µs> <name>@<listen port>=<host>:<port> ...");
            System.exit(2);
        }
        PrintStream out = System.out;
        try (DelayRelay relay = new DelayRelay(Long.parseLong(args[0]))) {
            for (int i = 1; i < args.length; i++) {
                out.println(relay.open(Link.parse(args[i])));
            }
            int echo = relay.echo();
            out.println("echo " + echo + " " + relay.listen(new Link("echo", 0, new InetSocketAddress(LOOPBACK,
                    echo))));
            relay.start();
            out.println("ready");
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.println(relay.command(line.trim().split(" ")));
                out.flush();
            }
        }
    }

    /** Carries out a line of the launcher's and returns the answer. */
    private String command(String[] words) {
        if (words.length != 2) {
            return "error: not a command: " + String.join(" ", words);
        }
        return switch (words[0]) {
            case "delay" -> {
                delayNanos = TimeUnit.MICROSECONDS.toNanos(Long.parseLong(words[1]));
                yield "delay " + words[1];
            }
            case "open" -> onLoop(() -> open(Link.parse(words[1])));
            case "close" -> onLoop(() -> stop(words[1]));
            default -> "error: not a command: " + String.join(" ", words);
        };
    }

    /** What the loop runs for the launcher: a change to the links, which answers the line that asked for it. */
    @FunctionalInterface
    private interface LinkChange {
        String run() throws IOException;
    }

    /** Runs {@code change} on the loop (the selector's keys are changed only there) and waits for its answer. */
    private String onLoop(LinkChange change) {
        CompletableFuture<String> answer = new CompletableFuture<>();
        tasks.add(() -> {
            try {
                answer.complete(change.run());
            } catch (IOException | RuntimeException e) {
                answer.complete("error: " + e);
            }
        });
        selector.wakeup();
        return answer.join();
    }

    /** Listens for {@code link}; answers {@code link <name> <port>}. */
    private String open(Link link) throws IOException {
        return "link " + link.name() + " " + listen(link);
    }

    private int listen(Link link) throws IOException {
        if (listeners.containsKey(link.name())) {
            throw new IllegalArgumentException("link " + link.name() + " is open already");
        }
        ServerSocketChannel listener = ServerSocketChannel.open();
        // The port may have been the target's a moment ago (its connections in TIME_WAIT).
        listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        listener.bind(new InetSocketAddress(LOOPBACK, link.listenPort()));
        listener.configureBlocking(false);
        listener.register(selector, SelectionKey.OP_ACCEPT, link);
        listeners.put(link.name(), listener);
        connections.put(link.name(), new ArrayList<>());
        return listener.socket().getLocalPort();
    }

    /**
     * Stops link {@code name}: its listener and its connections closed, and their sockets released before the answer
     * (a channel registered with a selector is closed for good at the selector's next selection), so that the port is
     * free for whoever takes it next.
     */
    private String stop(String name) throws IOException {
        ServerSocketChannel listener = listeners.remove(name);
        if (listener == null) {
            throw new IllegalArgumentException("no open link " + name);
        }
        listener.close();
        connections.remove(name).forEach(Connection::close);
        selector.selectNow();
        return "closed " + name;
    }

    /** An echo server on the loop: what it reads, it writes back at once. */
    private int echo() throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress(LOOPBACK, 0));
        listener.configureBlocking(false);
        listener.register(selector, SelectionKey.OP_ACCEPT, Echo.INSTANCE);
        return listener.socket().getLocalPort();
    }

    private enum Echo { INSTANCE }

    private void start() {
        loop.setDaemon(true);
        timer.setDaemon(true);
        loop.start();
        timer.start();
    }

    @Override
    public void close() throws IOException {
        open = false;
        selector.close();
        LockSupport.unpark(timer);
    }

    private void runLoop() {
        try {
            while (open) {
                for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
                    task.run();
                }
                deliverDue();
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    handle(key);
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | RuntimeException e) {
            if (open) {
                e.printStackTrace();
                System.exit(1);
            }
        }
    }

    private void handle(SelectionKey key) throws IOException {
        if (!key.isValid()) {
            return;
        }
        if (key.isAcceptable()) {
            accept(key);
            return;
        }
        if (key.attachment() instanceof EchoChannel echo) {
            echo.echo(readBuffer);
            return;
        }
        Side side = (Side) key.attachment();
        try {
            if (key.isConnectable()) {
                side.channel.finishConnect();
                side.connection.connected();
            }
            if (key.isValid() && key.isReadable()) {
                read(side);
            }
            if (key.isValid() && key.isWritable()) {
                flush(side.incoming);
            }
        } catch (IOException reset) {
            side.connection.close();
        }
    }

    private void accept(SelectionKey key) throws IOException {
        SocketChannel client = ((ServerSocketChannel) key.channel()).accept();
        if (client == null) {
            return;
        }
        client.configureBlocking(false);
        client.setOption(StandardSocketOptions.TCP_NODELAY, true);
        if (key.attachment() == Echo.INSTANCE) {
            client.register(selector, SelectionKey.OP_READ, new EchoChannel(client));
            return;
        }
        Link link = (Link) key.attachment();
        SocketChannel server = SocketChannel.open();
        server.configureBlocking(false);
        server.setOption(StandardSocketOptions.TCP_NODELAY, true);
        Connection connection = new Connection(client, server);
        List<Connection> accepted = connections.get(link.name());
        accepted.removeIf(ended -> ended.closed);
        accepted.add(connection);
        try {
            if (server.connect(link.target())) {
                connection.connected();
            }
        } catch (IOException refused) {
            connection.close();
        }
    }

    private void read(Side side) throws IOException {
        readBuffer.clear();
        int read = side.channel.read(readBuffer);
        if (read == 0) {
            return;
        }
        Pipe pipe = side.outgoing;
        ByteBuffer data = null;
        if (read > 0) {
            readBuffer.flip();
            data = ByteBuffer.allocate(read).put(readBuffer).flip();
            pipe.queued += read;
        } else {
            pipe.sourceEnded = true;
        }
        boolean wasEmpty = queue.isEmpty();
        queue.add(new Chunk(pipe, data, System.nanoTime() + delayNanos));
        if (wasEmpty) {
            LockSupport.unpark(timer);
        }
        side.updateInterest();
    }

    /** Moves every chunk that is due (as the timer reckons it) to its pipe, and writes what it can. */
    private void deliverDue() throws IOException {
        long now = System.nanoTime();
        long early = earlyNanos;
        boolean first = true;
        for (Chunk head = queue.peek(); head != null && head.due - early <= now; head = queue.peek()) {
            queue.poll();
            if (first) {
                learnLateness(now - head.due);
                first = false;
            }
            Pipe pipe = head.pipe;
            if (pipe.connection.closed) {
                continue;
            }
            if (head.data == null) {
                pipe.ended = true;
            } else {
                pipe.unwritten.add(head.data);
            }
            try {
                flush(pipe);
            } catch (IOException reset) {
                pipe.connection.close();
            }
        }
        LockSupport.unpark(timer);
    }

    /**
     * The first chunk of each delivery tells how late (or, negative, how early) the loop came: the timer's lead moves
     * by an eighth of it, so that the average lateness goes to zero; never below zero, never above half the delay.
     */
    private void learnLateness(long latenessNanos) {
        long early = earlyNanos + latenessNanos / LATENESS_WEIGHT;
        earlyNanos = Math.max(0, Math.min(early, delayNanos / 2));
    }

    private void flush(Pipe pipe) throws IOException {
        while (!pipe.unwritten.isEmpty()) {
            ByteBuffer data = pipe.unwritten.peek();
            pipe.to.channel.write(data);
            if (data.hasRemaining()) {
                break;
            }
            pipe.unwritten.poll();
            pipe.queued -= data.limit();
        }
        if (pipe.unwritten.isEmpty() && pipe.ended && !pipe.to.outputShut) {
            pipe.to.outputShut = true;
            pipe.to.channel.shutdownOutput();
            if (pipe.connection.bothEnded()) {
                pipe.connection.close();
                return;
            }
        }
        pipe.from.updateInterest();
        pipe.to.updateInterest();
    }

    private void runTimer() {
        while (open) {
            Chunk head = queue.peek();
            if (head == null) {
                LockSupport.park();
                continue;
            }
            long wait = head.due - earlyNanos - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue;
            }
            selector.wakeup();
            // Until the loop has taken what is due (it unparks this thread after each delivery).
            LockSupport.park();
        }
    }

    /** Bytes read from one side of a connection (null: that side ended), due on the other side at {@code due}. */
    private record Chunk(Pipe pipe, ByteBuffer data, long due) {
    }

    /** One direction of a connection. */
    private static final class Pipe {
        final Connection connection;
        final Side from;
        final Side to;
        final ArrayDeque<ByteBuffer> unwritten = new ArrayDeque<>();
        /** Read from {@link #from} and not yet written to {@link #to}. */
        long queued;
        boolean sourceEnded;
        /** The end of {@link #from}'s stream has been delivered: once written out, {@link #to}'s output is shut. */
        boolean ended;

        Pipe(Connection connection, Side from, Side to) {
            this.connection = connection;
            this.from = from;
            this.to = to;
        }
    }

    /** One socket of a connection: the pipe it feeds and the pipe that feeds it. */
    private static final class Side {
        final SocketChannel channel;
        final Connection connection;
        Pipe outgoing;
        Pipe incoming;
        boolean outputShut;
        SelectionKey key;

        Side(SocketChannel channel, Connection connection) {
            this.channel = channel;
            this.connection = connection;
        }

        void updateInterest() {
            if (key == null || !key.isValid()) {
                return;
            }
            int ops = 0;
            if (connection.isConnected && !outgoing.sourceEnded && outgoing.queued < QUEUED_MAX) {
                ops |= SelectionKey.OP_READ;
            }
            if (!incoming.unwritten.isEmpty()) {
                ops |= SelectionKey.OP_WRITE;
            }
            key.interestOps(ops);
        }
    }

    /** A connection to the echo server: what it reads, it writes back at once. */
    private record EchoChannel(SocketChannel channel) {

        void echo(ByteBuffer buffer) throws IOException {
            buffer.clear();
            int read;
            try {
                read = channel.read(buffer);
            } catch (IOException reset) {
                read = -1;
            }
            if (read < 0) {
                channel.close();
                return;
            }
            buffer.flip();
            // Round-trip probes are a byte at a time: a socket's send buffer always takes them whole.
            channel.write(buffer);
        }
    }

    /** A client's connection and the relay's connection to the target, joined by two pipes. */
    private final class Connection {
        final Side client;
        final Side server;
        boolean isConnected;
        boolean closed;

        Connection(SocketChannel clientChannel, SocketChannel serverChannel) throws IOException {
            client = new Side(clientChannel, this);
            server = new Side(serverChannel, this);
            Pipe up = new Pipe(this, client, server);
            Pipe down = new Pipe(this, server, client);
            client.outgoing = up;
            client.incoming = down;
            server.outgoing = down;
            server.incoming = up;
            client.key = clientChannel.register(selector, 0, client);
            server.key = serverChannel.register(selector, SelectionKey.OP_CONNECT, server);
        }

        void connected() {
            isConnected = true;
            client.updateInterest();
            server.updateInterest();
        }

        boolean bothEnded() {
            return client.outputShut && server.outputShut;
        }

        void close() {
            closed = true;
            for (Side side : List.of(client, server)) {
                try {
                    side.channel.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }
}
