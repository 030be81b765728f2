package dev.ledger.cluster.zookeeper;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** ZooKeeper's four-letter words: send one on the client port, read the reply until the server closes. */
final class FourLetterWord {

    private static final int CONNECT_TIMEOUT_MILLIS = 500;
    /** A paused member still accepts the connection (its kernel does) but never replies. */
    private static final int READ_TIMEOUT_MILLIS = 1_000;

    private FourLetterWord() {
    }

    /** The reply; an {@link IOException} when nobody listens there or the reply does not come in time. */
    static String ask(String host, int port, String word) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            socket.getOutputStream().write(word.getBytes(StandardCharsets.US_ASCII));
            socket.shutdownOutput();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
