package dev.ledger.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

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

    /**
     * Before start-up, so that nothing we start talks to (or a readiness check reaches) a stranger on our ports, or
     * fails later for want of one.
     */
    public static void requireFreePorts(List<Integer> ports) {
        List<Integer> busyPorts = ports.stream().filter(port -> !isPortFree(port)).toList();
        if (!busyPorts.isEmpty()) {
            throw new CommandFailedException("ports already in use on " + ADDRESS + ": " + busyPorts
                    + "; stop whatever listens there or choose another --base-port");
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
