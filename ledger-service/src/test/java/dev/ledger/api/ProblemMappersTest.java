package dev.ledger.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.StreamResetException;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ProblemMappersTest {

    private final ProblemMappers mappers = new ProblemMappers();

    /** What the JSON reader throws when the client hangs up mid-body (seen in RaftFaultsIT when a client gave up). */
    @Test
    void aBodyCutOffByTheClientIsNotAnInternalFailure() {
        var cutOff = new IOException(new IOException(new HttpClosedException("Connection was closed")));
        var channelClosed = new IOException(new ClosedChannelException());
        // a follower's forward cancelled (RST_STREAM CANCEL) once it stopped waiting on a cut-off leader
        var streamCancelled = new IOException(new IOException(new StreamResetException(8)));

        assertEquals(400, mappers.unexpected(cutOff).getStatus());
        assertEquals(400, mappers.unexpected(channelClosed).getStatus());
        assertEquals(400, mappers.unexpected(streamCancelled).getStatus());
    }

    /** Quarkus's answer stream on a connection the client closed (a follower killed while its forward was answered). */
    @Test
    void anAnswerToAClosedConnectionIsNotAnInternalFailure() {
        var closed = new IOException("Connection has been closed");
        closed.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("io.quarkus.vertx.utils.VertxOutputStream", "write", null, 1)});
        var elsewhere = new IOException("disk full");

        assertEquals(400, mappers.unexpected(closed).getStatus());
        assertEquals(500, mappers.unexpected(elsewhere).getStatus());
    }

    @Test
    void aPoolThatOpensNoConnectionInTimeIsUnavailable() {
        var thrown = new RuntimeException(new SQLException("Acquisition timeout while waiting for new connection"));

        assertEquals(503, mappers.unexpected(thrown).getStatus());
    }

    @Test
    void anythingElseIsInternal() {
        assertEquals(500, mappers.unexpected(new IllegalStateException("a bug")).getStatus());
    }
}
