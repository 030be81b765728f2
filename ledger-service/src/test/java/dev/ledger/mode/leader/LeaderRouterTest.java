package dev.ledger.mode.leader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.ledger.contract.Mode;
import dev.ledger.domain.OutcomeUnknown;
import dev.ledger.domain.TransferCommand;
import dev.ledger.domain.TransferResult;
import dev.ledger.domain.TransferStatus;
import dev.ledger.domain.Unavailable;
import dev.ledger.mode.Leadership.Member;
import dev.ledger.support.TestKeystore;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Where a transfer goes on a node of a mode with a leader, with the election's answers faked. */
class LeaderRouterTest {

    private static final long LEADER_WAIT_MS = 1_000;
    private static final Member SELF = new Member("n1", URI.create("http://127.0.0.1:1"));
    private static final TransferCommand COMMAND =
            new TransferCommand(UUID.randomUUID(), "a", "b", 10, "key", Instant.parse("2026-01-01T00:00:00Z"));

    private final FakeTarget target = new FakeTarget();
    private static final Vertx VERTX = Vertx.vertx();

    private final LeaderRouter router = new LeaderRouter(target, SELF.id(),
            new LeaderForwarder(VERTX, new ObjectMapper().findAndRegisterModules(),
                    ClusterSecret.of(TestKeystore.CLUSTER_SECRET), Duration.ofSeconds(1), Mode.RAFT),
            LEADER_WAIT_MS);

    @AfterAll
    static void stopVertx() {
        VERTX.close();
    }

    @Test
    void aLeaderThatTakesTransfersDecidesItself() {
        target.takes.set(true);
        target.contact = new LeaderContact.View(Optional.of(SELF), 0);
        assertInstanceOf(TransferResult.Committed.class, router.transfer(COMMAND).join());
        assertEquals(1, target.proposed.get());
    }

    /** Elected, but not yet able to take transfers (a raft leader before its claim is applied): it waits. */
    @Test
    void aLeaderThatCannotTakeTransfersYetIsWaitedForAndNeverForwardedTo() {
        target.contact = new LeaderContact.View(Optional.of(SELF), 0);
        long started = System.nanoTime();
        Unavailable refused = refusal();
        assertTrue(msSince(started) >= LEADER_WAIT_MS, "waited " + msSince(started) + " ms");
        assertEquals("no leader for 0 ms", refused.getMessage());
        assertEquals(0, target.proposed.get());
    }

    /**
     * A client that asked not to be forwarded is sent to the leader by a follower; the leader itself, and a node that
     * knows no leader (it waits for one, as for any transfer), take the transfer instead.
     */
    @Test
    void onlyAFollowerThatKnowsItsLeaderRedirects() {
        Member leader = new Member("n2", URI.create("http://127.0.0.1:2"));
        target.contact = new LeaderContact.View(Optional.of(leader), 0);
        assertEquals(Optional.of(leader.httpUrl()), router.redirectTarget());
        target.contact = new LeaderContact.View(Optional.empty(), 10);
        assertEquals(Optional.empty(), router.redirectTarget());
        target.contact = new LeaderContact.View(Optional.of(SELF), 0);
        assertEquals(Optional.empty(), router.redirectTarget(), "elected, its claim not yet applied: it waits");
        target.takes.set(true);
        assertEquals(Optional.empty(), router.redirectTarget());
    }

    @Test
    void aNodeWithoutALeaderForLongerThanTheWaitRefusesAtOnce() {
        target.contact = new LeaderContact.View(Optional.empty(), 2 * LEADER_WAIT_MS);
        long started = System.nanoTime();
        Unavailable refused = refusal();
        assertTrue(msSince(started) < LEADER_WAIT_MS / 2, "waited " + msSince(started) + " ms");
        assertEquals("no leader for 2000 ms", refused.getMessage());
    }

    @Test
    void aLeaderElectedWithinTheWaitTakesTheTransfer() {
        target.contact = new LeaderContact.View(Optional.empty(), 0);
        target.takesAfterLooks = 5;
        router.transfer(COMMAND).join();
        assertEquals(1, target.proposed.get());
    }

    /** A follower's 503 says why the leader refused, in the leader's words. */
    @Test
    void aLeadersRefusalIsPassedOnWithItsReason() throws IOException {
        HttpServer leader = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        leader.createContext("/", exchange -> {
            byte[] body = "{\"type\":\"/problems/unavailable\",\"detail\":\"not connected to ZooKeeper\"}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
            exchange.sendResponseHeaders(503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        leader.start();
        try {
            URI url = URI.create("http://" + leader.getAddress().getHostString() + ":" + leader.getAddress().getPort());
            target.contact = new LeaderContact.View(Optional.of(new Member("n2", url)), 0);
            Unavailable refused = refusal();
            assertEquals("the leader n2 did not take the transfer (503 /problems/unavailable: not connected to"
                    + " ZooKeeper); nothing was done, retry", refused.getMessage());
        } finally {
            leader.stop(0);
        }
    }

    /**
     * A leader the election still names but that answers nothing (zookeeper: cut from its peers, its session intact):
     * the forward stops waiting after {@link LeaderForwarder#SILENT_LEADER_MS}, well before its own timeout, and the
     * client hears that the outcome is unknown instead of nothing at all.
     */
    @Test
    void aForwardToASilentLeaderStopsWaitingLongBeforeItsTimeout() throws IOException {
        HttpServer silent = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        silent.createContext("/", exchange -> {
            // Takes the request and never answers, as a leader behind a cut that drops its packets.
        });
        silent.start();
        LeaderRouter patient = new LeaderRouter(target, SELF.id(), new LeaderForwarder(VERTX,
                new ObjectMapper().findAndRegisterModules(), ClusterSecret.of(TestKeystore.CLUSTER_SECRET),
                Duration.ofSeconds(30), Mode.ZOOKEEPER), LEADER_WAIT_MS);
        try {
            URI url = URI.create("http://" + silent.getAddress().getHostString() + ":" + silent.getAddress().getPort());
            target.contact = new LeaderContact.View(Optional.of(new Member("n2", url)), 0);
            long started = System.nanoTime();
            CompletionException failed = assertThrows(CompletionException.class,
                    () -> patient.transfer(COMMAND).join());
            long waitedMs = msSince(started);
            OutcomeUnknown unknown = assertInstanceOf(OutcomeUnknown.class, failed.getCause());
            assertTrue(unknown.getMessage().startsWith("the leader n2 has answered nothing for "),
                    unknown.getMessage());
            assertTrue(waitedMs >= LeaderForwarder.SILENT_LEADER_MS && waitedMs < 5 * LeaderForwarder.SILENT_LEADER_MS,
                    "waited " + waitedMs + " ms");
        } finally {
            silent.stop(0);
        }
    }

    /** The router's refusal, thrown at once or failing its answer later. */
    private Unavailable refusal() {
        CompletableFuture<TransferResult> answer;
        try {
            answer = router.transfer(COMMAND);
        } catch (Unavailable atOnce) {
            return atOnce;
        }
        CompletionException failed = assertThrows(CompletionException.class, answer::join);
        return assertInstanceOf(Unavailable.class, failed.getCause());
    }

    private static long msSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static final class FakeTarget implements ForwardTarget {
        private final AtomicBoolean takes = new AtomicBoolean();
        private final AtomicInteger proposed = new AtomicInteger();
        private volatile LeaderContact.View contact;
        private volatile int takesAfterLooks = -1;
        private int looks;

        @Override
        public synchronized LeaderContact.View leaderContact() {
            if (++looks == takesAfterLooks) {
                takes.set(true);
            }
            return contact;
        }

        @Override
        public boolean takesTransfers() {
            return takes.get();
        }

        @Override
        public CompletableFuture<TransferResult> proposeAsLeader(TransferCommand command) {
            proposed.incrementAndGet();
            return CompletableFuture.completedFuture(
                    TransferResult.applied(command.record(TransferStatus.COMMITTED, null, Mode.RAFT)));
        }

        @Override
        public String whyNoLeader(long leaderlessForMs) {
            return "no leader for " + leaderlessForMs + " ms";
        }
    }
}
