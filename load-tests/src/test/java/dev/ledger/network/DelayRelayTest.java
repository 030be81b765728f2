package dev.ledger.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relay as the launcher runs it: a process of its own, between a client and a real server socket. */
class DelayRelayTest {

    /** A server that reads everything a connection sends, then answers it back reversed and closes. */
    private static CompletableFuture<byte[]> reverseServer(ServerSocket server) {
        return CompletableFuture.supplyAsync(() -> {
            try (Socket socket = server.accept()) {
                byte[] received = socket.getInputStream().readAllBytes();
                byte[] reversed = new byte[received.length];
                for (int i = 0; i < received.length; i++) {
                    reversed[i] = received[received.length - 1 - i];
                }
                socket.getOutputStream().write(reversed);
                return received;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void carriesEveryByteInOrderBothWaysAndPassesOnTheEndOfEachStream(@TempDir Path dir) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                RelayProcess relay = RelayProcess.start(Duration.ofMillis(2), List.of(new RelayProcess.Link("server",
                        0, DelayRelay.LOOPBACK, server.getLocalPort())), dir.resolve("relay.log"))) {
            CompletableFuture<byte[]> received = reverseServer(server);
            byte[] sent = new byte[3 << 20]; // more than the relay queues per side before it stops reading
            new Random(7).nextBytes(sent);
            try (Socket client = new Socket()) {
                client.connect(new InetSocketAddress(DelayRelay.LOOPBACK, relay.port("server")));
                client.getOutputStream().write(sent);
                client.shutdownOutput(); // the server's readAllBytes ends only if the relay passes this on
                byte[] answer = client.getInputStream().readAllBytes();
                assertArrayEquals(sent, received.get());
                assertEquals(sent.length, answer.length);
                for (int i = 0; i < sent.length; i++) {
                    if (answer[i] != sent[sent.length - 1 - i]) {
                        throw new AssertionError("byte " + i + " of the answer is out of order");
                    }
                }
            }
        }
    }

    @Test
    void addsTheRoundTripItIsSetToAndCanChangeIt(@TempDir Path dir) throws Exception {
        try (RelayProcess relay = RelayProcess.start(Duration.ofMillis(4), List.of(), dir.resolve("relay.log"))) {
            // Waiting can only be longer than asked (a busy machine adds to it): the lower bound is what is sure.
            assertTrue(relay.roundTrip(Duration.ofMillis(4)).toNanos() >= Duration.ofMillis(4).toNanos() * 0.9);
            assertTrue(relay.measureAddedRoundTrip().compareTo(Duration.ofMillis(3)) > 0);
            relay.roundTrip(Duration.ZERO);
            assertTrue(relay.measureAddedRoundTrip().compareTo(Duration.ofMillis(2)) < 0,
                    "a delay of zero still waited as long as the 4 ms one");
        }
    }

    @Test
    void givesUpALinksPortForItsTargetAndTakesItBackInFrontOfAnother(@TempDir Path dir) throws Exception {
        try (ServerSocket first = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                RelayProcess relay = RelayProcess.start(Duration.ZERO, List.of(new RelayProcess.Link("db", 0,
                        DelayRelay.LOOPBACK, first.getLocalPort())), dir.resolve("relay.log"))) {
            int port = relay.port("db");
            try (Socket client = new Socket(DelayRelay.LOOPBACK, port); Socket accepted = first.accept()) {
                relay.close("db");
                // the relay cut the connection it carried: the client reads the end of the stream
                client.setSoTimeout(5_000);
                assertEquals(-1, client.getInputStream().read());
            }
            CompletableFuture<byte[]> straight;
            try (ServerSocket onTheLinksPort = new ServerSocket()) {
                onTheLinksPort.setReuseAddress(true);
                onTheLinksPort.bind(new InetSocketAddress(DelayRelay.LOOPBACK, port));
                straight = reverseServer(onTheLinksPort);
                try (Socket client = new Socket(DelayRelay.LOOPBACK, port)) {
                    client.getOutputStream().write(new byte[] {1, 2});
                    client.shutdownOutput();
                    assertArrayEquals(new byte[] {2, 1}, client.getInputStream().readAllBytes());
                }
                assertArrayEquals(new byte[] {1, 2}, straight.get());
            }
            try (ServerSocket second = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                relay.open("db", DelayRelay.LOOPBACK, second.getLocalPort());
                CompletableFuture<byte[]> relayed = reverseServer(second);
                try (Socket client = new Socket(DelayRelay.LOOPBACK, port)) {
                    client.getOutputStream().write(new byte[] {3, 4, 5});
                    client.shutdownOutput();
                    assertArrayEquals(new byte[] {5, 4, 3}, client.getInputStream().readAllBytes());
                }
                assertArrayEquals(new byte[] {3, 4, 5}, relayed.get());
            }
        }
    }
}
