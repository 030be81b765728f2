package dev.ledger.mode.zookeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ledger.domain.TransferCommand;
import dev.ledger.domain.TransferResult;
import dev.ledger.domain.Unavailable;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The leader's writer when its leadership ends, or its database hangs: what waits is refused at once with nothing
 * done, and how long writes have been stuck is known (the watchdog rejoins the election on it).
 */
class LeaderWriterTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long TOKEN = 7;
    private static final long STALL_MS = 100;

    /** A database that hangs on connecting until released, then is unreachable. */
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger deposed = new AtomicInteger();
    private final LeaderWriter writer = new LeaderWriter(new TokenBatchWriter(hangingDatabase()), 16, 4,
            deposed::incrementAndGet);

    @AfterEach
    void close() {
        release.countDown();
        writer.close();
    }

    @Test
    void queuedTransfersOfAnEndedLeadershipAreRefusedAtOnceAndNeverWritten() throws Exception {
        writer.lead(TOKEN);
        CompletableFuture<TransferResult> writing = writer.submit(command());
        Await.until("the writer is stuck on its first batch", WAIT, () -> connections.get() == 1);
        CompletableFuture<TransferResult> queued = writer.submit(command());
        Await.until("writes count as stalled", WAIT, () -> writer.stalledForMs() >= STALL_MS);

        writer.stopLeading(TOKEN);

        assertRefused(queued);
        assertEquals(1, writer.refusedUnwritten(), "the queued transfer was refused unwritten");
        assertThrows(Unavailable.class, () -> writer.submit(command()));
        release.countDown();
        // The database was unreachable before anything was sent: that batch too did nothing.
        assertRefused(writing);
        assertEquals(1, connections.get(), "the queued transfer never reached the database");
        assertEquals(0, deposed.get(), "an unreachable database is no sign of a later leader");
        assertEquals(1, writer.refusedUnwritten(), "the other failed on the database, not on the leadership's end");
    }

    @Test
    void theEndOfAnEarlierLeadershipLeavesALaterOneLeading() {
        writer.lead(TOKEN);
        writer.lead(TOKEN + 1);

        writer.stopLeading(TOKEN);

        assertEquals(TOKEN + 1, writer.token());
    }

    private static void assertRefused(CompletableFuture<TransferResult> answer) {
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> answer.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertInstanceOf(Unavailable.class, failure.getCause());
    }

    private DataSource hangingDatabase() {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("getConnection")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    connections.incrementAndGet();
                    release.await();
                    throw new SQLException("the database is unreachable", "08001");
                });
    }

    private static TransferCommand command() {
        return new TransferCommand(UUID.randomUUID(), "a", "b", 10, "key-" + UUID.randomUUID(), Instant.EPOCH);
    }
}
