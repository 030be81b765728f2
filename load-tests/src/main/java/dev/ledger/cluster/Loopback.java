package dev.ledger.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Everything the launcher starts listens on IPv4 loopback only: a local cluster is not for the network. */
public final class Loopback {

    public static final String ADDRESS = "127.0.0.1";

    private Loopback() {
    }

    /** Whether a server could listen on this port now (a listener on 0.0.0.0 counts as taken). */
    public static boolean isPortFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(ADDRESS, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The preferred port if it is free, else one the kernel picks. */
    static int freePortPreferring(int preferredPort) {
        if (isPortFree(preferredPort)) {
            return preferredPort;
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(ADDRESS))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + ADDRESS, e);
        }
    }
}
