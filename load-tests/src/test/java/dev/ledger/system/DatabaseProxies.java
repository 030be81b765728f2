package dev.ledger.system;

import dev.ledger.cluster.DatabaseConnection;
import dev.ledger.cluster.Loopback;
import dev.ledger.cluster.NodeSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP relay per node between the node and PostgreSQL, so that a test can cut one node off the database while
 * the others keep it. A cut is half-open, as when a network path dies without a FIN: the node's connections stay
 * open, what it sends is swallowed and nothing comes back, and new connections are accepted and never relayed.
 */
final class DatabaseProxies implements AutoCloseable {

    private static final Pattern PORT_IN_URL = Pattern.compile("(jdbc:postgresql://[^:/]+):(\\d+)/");

    private final Map<String, Relay> relays = new ConcurrentHashMap<>();

    /** The connection {@code node} gets: the database's, through the node's relay (started on first use). */
    DatabaseConnection route(NodeSpec node, DatabaseConnection database) {
        Matcher url = PORT_IN_URL.matcher(database.jdbcUrl());
        if (!url.find()) {
            throw new IllegalArgumentException("no host:port in " + database.jdbcUrl());
        }
        int databasePort = Integer.parseInt(url.group(2));
        Relay relay = relays.computeIfAbsent(node.id(), id -> Relay.start(databasePort));
        return new DatabaseConnection(url.replaceFirst(url.group(1) + ":" + relay.port() + "/"), database.username(),
                database.password());
    }

    void cut(NodeSpec node) {
        relays.get(node.id()).cut();
    }

    void restore(NodeSpec node) {
        relays.get(node.id()).restore();
    }

    @Override
    public void close() {
        relays.values().forEach(Relay::close);
    }

    private static final class Relay {
        private final ServerSocket server;
        private final int databasePort;
        private final List<Socket> open = new ArrayList<>();
        private volatile boolean cut;

        private Relay(ServerSocket server, int databasePort) {
            this.server = server;
            this.databasePort = databasePort;
        }

        static Relay start(int databasePort) {
            try {
                Relay relay = new Relay(new ServerSocket(0, 200, InetAddress.getByName(Loopback.ADDRESS)),
                        databasePort);
                daemon("relay-accept-" + relay.port(), relay::acceptLoop);
                return relay;
            } catch (IOException e) {
                throw new IllegalStateException("cannot start a database relay", e);
            }
        }

        int port() {
            return server.getLocalPort();
        }

        private void acceptLoop() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    track(client);
                    if (cut) {
                        continue; // accepted, never relayed: the node's connect "works" and then nothing answers
                    }
                    Socket database = new Socket(Loopback.ADDRESS, databasePort);
                    track(database);
                    daemon("relay-up", () -> pump(client, database));
                    daemon("relay-down", () -> pump(database, client));
                } catch (IOException e) {
                    // the database is down (a restart test) or the relay closes: the node sees its connection end
                }
            }
        }

        /** Copies bytes until either side ends; while cut, reads and drops them, so no sender ever blocks. */
        private void pump(Socket from, Socket to) {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    if (!cut) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException ended) {
                // either side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }

        private synchronized void track(Socket socket) {
            open.removeIf(Socket::isClosed);
            open.add(socket);
        }

        void cut() {
            cut = true;
        }

        /** Ends the connections that were cut (their ends then see them closed) and relays new ones again. */
        synchronized void restore() {
            open.forEach(Relay::closeQuietly);
            open.clear();
            cut = false;
        }

        synchronized void close() {
            closeQuietly(server);
            open.forEach(Relay::closeQuietly);
        }

        private static void daemon(String name, Runnable body) {
            Thread thread = new Thread(body, name);
            thread.setDaemon(true);
            thread.start();
        }

        private static void closeQuietly(AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // already closed
            }
        }
    }
}
