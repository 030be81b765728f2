package dev.ledger.system;

import static dev.ledger.system.FaultSuite.LOAD_AFTER_RECOVERY;
import static dev.ledger.system.FaultSuite.REJOIN_MAX;
import static dev.ledger.system.FaultSuite.ROUNDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledger.cluster.LocalCluster;
import dev.ledger.cluster.LocalCluster.Leader;
import dev.ledger.cluster.NodeSpec;
import dev.ledger.cluster.zookeeper.ZooKeeperEnsemble;
import dev.ledger.cluster.zookeeper.ZooKeeperMember;
import dev.ledger.cluster.zookeeper.ZooKeeperRole;
import dev.ledger.contract.ClusterInfo;
import dev.ledger.contract.Mode;
import dev.ledger.system.LedgerClient.TransferAnswer;
import dev.ledger.system.LedgerClient.TransferRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The zookeeper mode under faults, with the clients and checks of {@link RaftFaultsIT} ({@link FaultScenario}: keyed
 * transfers to all three nodes, unknown outcomes settled with the same key, the history checked against the ledger):
 * the faults both leader modes share ({@link LeaderModeFaults}: the leader killed, PostgreSQL restarted, frozen and
 * cut from the leader), and this mode's own: its leader paused past its ZooKeeper session (the fence must refuse what
 * it had in hand), a ZooKeeper member killed, the ensemble's quorum lost. One cluster ({@code ./ledger up --mode
 * zookeeper}: PostgreSQL, a 3-member ensemble, three nodes) serves all faults.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ZooKeeperFaultsIT implements LeaderModeFaults {

    /** Nodes on 19181-83, members on 19382-84, 19482-84 and 19582-84: apart from every other IT's ports. */
    private static final int BASE_PORT = 19181;
    /** The nodes' ZooKeeper session timeout ({@code ledger.zookeeper.session-timeout-ms}). */
    private static final Duration SESSION = Duration.ofSeconds(4);
    /** The first election after the start, or the next after a fault; the nodes are ready once connected. */
    private static final Duration LEADER_TIMEOUT = Duration.ofSeconds(30);
    /**
     * A lost leader's latch node goes when its session expires; the election and the token claim that follow take
     * about a second. Room for a busy two-core machine.
     */
    private static final Duration WRITE_GAP_MAX = Duration.ofSeconds(20);
    /** Three sessions: the others must elect a leader that writes while the old one is still frozen. */
    private static final Duration PAUSE = SESSION.multipliedBy(3);
    /**
     * How long a leader's writes stall before it is frozen: long enough for transfers to queue in its hand, well
     * below the 3 s after which a leader with stalled writes hands over ({@code apply-failure-handover-ms}).
     */
    private static final Duration HOLD = Duration.ofSeconds(1);
    /** Past the session timeout, so that the nodes' sessions are given up too. */
    private static final Duration QUORUM_LOSS = SESSION.plusSeconds(2);
    /** A member's JVM start, the quorum, new sessions, an election and a claim. */
    private static final Duration QUORUM_BACK_MAX = Duration.ofSeconds(60);
    private static final String REFUSED_UNWRITTEN = "ledger_zookeeper_refused_unwritten_total";
    private static final String FENCED_BATCHES = "ledger_zookeeper_fenced_batches_total";
    /** Accounts outside every scenario's, for single transfers sent by the tests themselves. */
    private static final String PROBE_FROM = "zk-probe-from";
    private static final String PROBE_TO = "zk-probe-to";
    private static final long PROBE_BALANCE = 1_000_000;

    private static final LedgerClient client = new LedgerClient();
    private static int probes;

    @RegisterExtension
    static final SuiteCluster suite = SuiteCluster.withDatabaseRelays(ZooKeeperFaultsIT.class, Mode.ZOOKEEPER,
            BASE_PORT).bounded(LEADER_TIMEOUT, WRITE_GAP_MAX);

    @BeforeAll
    static void openProbeAccounts() throws Exception {
        client.createAccount(suite.cluster().urls().get(0), PROBE_FROM, PROBE_BALANCE);
        client.createAccount(suite.cluster().urls().get(0), PROBE_TO, 0);
    }

    @Override
    public SuiteCluster suite() {
        return suite;
    }

    /**
     * A follower takes a keyed transfer, forwards it to the leader, and answers with its outcome; a leader-aware
     * client it sends to the leader instead.
     */
    @Test
    @Order(1)
    void aFollowerForwardsToTheLeader() throws Exception {
        Leader leader = cluster().awaitLeader("a leader", LEADER_TIMEOUT, l -> true);
        NodeSpec follower = cluster().nodes().nodeSpecs().stream().filter(node -> !node.equals(leader.node()))
                .findFirst().orElseThrow();
        cluster().await(follower.id() + " follows " + leader.node().id(), LEADER_TIMEOUT,
                () -> cluster().nodes().clusterInfo(follower).filter(info -> info.follows(leader.node().id())));
        List<String> everyNode = cluster().nodes().nodeSpecs().stream().map(NodeSpec::id).sorted().toList();
        for (NodeSpec node : cluster().nodes().nodeSpecs()) {
            cluster().await(node.id() + " names every node in the election as a peer", LEADER_TIMEOUT,
                    () -> cluster().nodes().clusterInfo(node).filter(info -> info.peers().equals(everyNode)));
        }

        TransferAnswer answer = probe(follower);

        assertTrue(answer.committed(), "forwarded by " + follower.id() + ": " + answer);
        cluster().assertFollowerRedirectsToTheLeader(client, LEADER_TIMEOUT);
    }

    /**
     * SIGSTOP of the leader for three session timeouts, as in a long GC pause or a stalled VM: its session expires,
     * another node is elected, claims the fence with a higher token and writes, all while the old one is frozen.
     * Resumed, the old leader still holds the transfers it had taken; it refuses every one of them unwritten (ZooKeeper
     * tells it that it lost, or the fence refuses its batch, whichever comes first), and follows. The history then
     * shows nothing lost or applied twice, and no transfer answered "nothing was done" in the ledger.
     *
     * <p>So that it surely freezes with transfers in hand (a batch takes milliseconds, and its queue may be empty at
     * any one moment), its connection to PostgreSQL is cut {@link #HOLD} before the freeze: its batch stalls and the
     * transfers that arrive queue behind it. The connection is restored while it is frozen.
     */
    @Test
    @Order(20)
    void leaderPausedPastItsSessionCommitsNothingOfWhatItHeldAndEveryTransferTakesEffectExactlyOnce()
            throws Exception {
        LocalCluster nodes = cluster().nodes();
        for (int round = 1; round <= ROUNDS; round++) {
            try (FaultScenario scenario = new FaultScenario(cluster(), "zk-leader-pause-" + round)) {
                scenario.start();
                Leader deposed = cluster().awaitLeader("a leader", LEADER_TIMEOUT, leader -> true);
                String deposedUrl = deposed.node().httpUrl();
                long refusedBefore = client.metric(deposedUrl, REFUSED_UNWRITTEN);
                long fencedBefore = client.metric(deposedUrl, FENCED_BATCHES);
                suite.proxies().cut(deposed.node());
                try {
                    Thread.sleep(HOLD.toMillis());
                    nodes.pause(deposed.node());
                } finally {
                    suite.proxies().restore(deposed.node());
                }
                long pausedAt = scenario.faultNow();
                CompletableFuture<Long> writesResumed = scenario.load().firstCommitSentAfter(pausedAt);
                Leader successor;
                Duration gap;
                try {
                    successor = cluster().awaitLeader("a new leader while " + deposed.node().id() + " is paused", PAUSE,
                            leader -> leader.info().term() > deposed.info().term());
                    gap = FaultScenario.writeGap(writesResumed, pausedAt, PAUSE);
                    long pausedForMs = Duration.ofNanos(System.nanoTime() - pausedAt).toMillis();
                    Thread.sleep(Math.max(0, PAUSE.toMillis() - pausedForMs));
                } finally {
                    nodes.resume(deposed.node());
                }
                ClusterInfo follows = cluster().await(deposed.node().id() + " follows " + successor.node().id(),
                        REJOIN_MAX, () -> nodes.clusterInfo(deposed.node())
                                .filter(info -> info.follows(successor.node().id())));
                long refused = client.metric(deposedUrl, REFUSED_UNWRITTEN) - refusedBefore;
                long fenced = client.metric(deposedUrl, FENCED_BATCHES) - fencedBefore;
                System.out.printf("%s (token %d) paused for %d s; %s leads with token %d; write gap %d ms; resumed,"
                                + " %s refused %d transfers it held unwritten (%d batches refused by the fence) and"
                                + " follows in term %d%n", deposed.node().id(), deposed.info().term(),
                        PAUSE.toSeconds(), successor.node().id(), successor.info().term(), gap.toMillis(),
                        deposed.node().id(), refused, fenced, follows.term());
                assertTrue(refused > 0, deposed.node().id() + " refused no transfer it held when it froze");
                Thread.sleep(LOAD_AFTER_RECOVERY.toMillis());
                scenario.finishAndVerify("SIGSTOP of the leader, its writes stalled, for " + PAUSE.toSeconds()
                        + " s (three ZooKeeper sessions), then SIGCONT");
            }
        }
    }

    /**
     * SIGKILL of the ZooKeeper member that leads the ensemble: the other two elect a new one and the nodes' sessions
     * move over; writes stop while that happens (a node that loses its connection stops leading) and go on after.
     */
    @Test
    @Order(21)
    void killedZooKeeperLeaderMemberIsSurvivedAndEveryTransferTakesEffectExactlyOnce() throws Exception {
        ZooKeeperEnsemble ensemble = cluster().nodes().zooKeeper().orElseThrow();
        for (int round = 1; round <= ROUNDS; round++) {
            try (FaultScenario scenario = new FaultScenario(cluster(), "zk-member-kill-" + round)) {
                scenario.start();
                ZooKeeperMember member = cluster().await("a member that leads the ensemble", LEADER_TIMEOUT,
                        () -> ensemble.members().stream()
                                .filter(m -> ensemble.role(m) == ZooKeeperRole.LEADER).findFirst());
                Leader before = cluster().awaitLeader("a leader", LEADER_TIMEOUT, leader -> true);
                long killedAt = scenario.faultNow();
                CompletableFuture<Long> writesResumed = scenario.load().firstCommitSentAfter(killedAt);
                ensemble.kill(member);
                Duration gap = FaultScenario.writeGap(writesResumed, killedAt, WRITE_GAP_MAX);
                Leader after = cluster().awaitLeader("a leader", LEADER_TIMEOUT, leader -> true);
                System.out.printf("write gap after SIGKILL of ZooKeeper %s (the ensemble's leader): %d ms; %s led"
                                + " with token %d, %s leads with token %d%n", member.id(), gap.toMillis(),
                        before.node().id(), before.info().term(), after.node().id(), after.info().term());
                ensemble.restart(member);
                cluster().awaitInQuorum(List.of(member), QUORUM_BACK_MAX);
                Thread.sleep(LOAD_AFTER_RECOVERY.toMillis());
                scenario.finishAndVerify("SIGKILL of the ZooKeeper ensemble's leader, then restart");
            }
        }
    }

    /**
     * Two of the three members killed: without a quorum no node may lead, so every node answers a transfer 503
     * unavailable saying it is not connected to ZooKeeper, while balances can still be read everywhere. Once the
     * members are back, a leader is elected and writes resume by themselves.
     */
    @Test
    @Order(22)
    void withoutAZooKeeperQuorumWritesAre503AndReadsGoOnAndEveryTransferTakesEffectExactlyOnce()
            throws Exception {
        ZooKeeperEnsemble ensemble = cluster().nodes().zooKeeper().orElseThrow();
        for (int round = 1; round <= ROUNDS; round++) {
            try (FaultScenario scenario = new FaultScenario(cluster(), "zk-quorum-loss-" + round)) {
                scenario.start();
                List<ZooKeeperMember> lost = ensemble.members().subList(0, 2);
                long lostAt = scenario.faultNow();
                for (ZooKeeperMember member : lost) {
                    ensemble.kill(member);
                }
                try {
                    for (NodeSpec node : cluster().nodes().nodeSpecs()) {
                        TransferAnswer refused = cluster().await(node.id() + " refuses writes without a quorum",
                                WRITE_GAP_MAX, () -> Optional.of(probe(node)).filter(answer -> !answer.committed()));
                        assertTrue(refused.notApplied() && refused.detail().contains("not connected to ZooKeeper"),
                                node.id() + " without a quorum answered " + refused);
                        cluster().await(node.id() + " reports its ZooKeeper session suspended or lost", SESSION,
                                () -> cluster().nodes().clusterInfo(node).map(ClusterInfo::session)
                                        .filter(session -> session.equals("SUSPENDED") || session.equals("LOST")));
                        assertEquals(PROBE_BALANCE - probes, client.balance(node.httpUrl(), PROBE_FROM),
                                node.id() + " reads without a quorum");
                    }
                    long lostForMs = Duration.ofNanos(System.nanoTime() - lostAt).toMillis();
                    Thread.sleep(Math.max(0, QUORUM_LOSS.toMillis() - lostForMs));
                } finally {
                    for (ZooKeeperMember member : lost) {
                        ensemble.restart(member);
                    }
                }
                long restartedAt = System.nanoTime();
                CompletableFuture<Long> writesResumed = scenario.load().firstCommitSentAfter(restartedAt);
                long quorumAt = cluster().awaitInQuorum(lost, QUORUM_BACK_MAX);
                Duration resumed = FaultScenario.writeGap(writesResumed, restartedAt, QUORUM_BACK_MAX);
                long quorumAfterMs = Duration.ofNanos(quorumAt - restartedAt).toMillis();
                System.out.printf("quorum lost for %d ms: every node refused writes (503) and served reads; the"
                                + " quorum formed %d ms after the members were restarted, writes resumed %d ms after"
                                + " that%n", Duration.ofNanos(restartedAt - lostAt).toMillis(), quorumAfterMs,
                        resumed.toMillis() - quorumAfterMs);
                Thread.sleep(LOAD_AFTER_RECOVERY.toMillis());
                scenario.finishAndVerify("ZooKeeper quorum lost (2 of 3 members killed) for " + QUORUM_LOSS.toSeconds()
                        + " s, then restarted");
            }
        }
    }

    /**
     * A transfer of 1 between the probe accounts with a key of its own, through {@code node}; retried with that key
     * while its outcome is unknown (a 503 unavailable is an answer: nothing was done).
     */
    private TransferAnswer probe(NodeSpec node) throws IOException, InterruptedException {
        TransferRequest request = new TransferRequest("zk-probe-" + System.nanoTime(), PROBE_FROM, PROBE_TO, 1);
        TransferAnswer answer = cluster().await(request.idempotencyKey() + " is answered by " + node.id(),
                LEADER_TIMEOUT, () -> {
                    try {
                        TransferAnswer sent = client.transfer(node.httpUrl(), request);
                        return sent.retryable() && !sent.notApplied() ? Optional.empty() : Optional.of(sent);
                    } catch (IOException noAnswer) {
                        return Optional.empty();
                    }
                });
        if (answer.committed()) {
            probes++;
        }
        return answer;
    }
}
