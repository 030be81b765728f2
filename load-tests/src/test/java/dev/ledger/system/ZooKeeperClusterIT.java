package dev.ledger.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledger.cluster.ClusterState;
import dev.ledger.cluster.ClusterState.ZooKeeperMemberState;
import dev.ledger.cluster.LocalCluster.Leader;
import dev.ledger.cluster.Loopback;
import dev.ledger.cluster.NodeSpec;
import dev.ledger.cluster.Processes;
import dev.ledger.cluster.RecordedProcess;
import dev.ledger.cluster.ZooKeeperMember;
import dev.ledger.contract.Mode;
import dev.ledger.system.LedgerClient.TransferAnswer;
import dev.ledger.system.LedgerClient.TransferRequest;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The zookeeper mode as {@code ./ledger up --mode zookeeper --nodes 3} runs it (PostgreSQL, a 3-member ensemble, three
 * nodes): one node leads, a follower forwards a keyed transfer to it, and when the leader is killed another leads
 * under a higher term (its fencing token) within a bounded time and keyed transfers commit again. Once stopped, no
 * process and no port of the cluster is left.
 */
class ZooKeeperClusterIT {

    /** Nodes on 19181-83, members on 19382-84, 19482-84 and 19582-84: apart from every other IT's ports. */
    private static final int BASE_PORT = 19181;
    /** The nodes are ready once connected to the ensemble; the first election and claim follow within seconds. */
    private static final Duration LEADER_TIMEOUT = Duration.ofSeconds(30);
    /**
     * A killed leader's latch node goes when its 4 s session expires; the election and the token claim that follow
     * take about a second. Room for a busy two-core machine.
     */
    private static final Duration FAILOVER_MAX = Duration.ofSeconds(30);
    /** Same-key retries of one transfer while no leader is known (503) or a node does not answer. */
    private static final Duration COMMIT_MAX = Duration.ofSeconds(30);
    /**
     * pg_ctl returns once the postmaster has removed its pid file, a moment before that process has exited (seen:
     * still there when stop had returned).
     */
    private static final Duration EXIT_MAX = Duration.ofSeconds(5);
    private static final long OPENING_BALANCE = 1_000;
    private static final long AMOUNT = 7;

    private final LedgerClient client = new LedgerClient();
    private RaftTestCluster cluster;

    @AfterEach
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aFollowerForwardsAndAKilledLeaderIsReplacedUnderAHigherTermAndStopLeavesNothingBehind() throws Exception {
        cluster = new RaftTestCluster(getClass().getSimpleName(), Mode.ZOOKEEPER, BASE_PORT);
        ClusterState state = cluster.start();
        List<Integer> ports = cluster.listenPorts();
        assertEquals(ZooKeeperMember.MEMBERS, state.zookeeper().members().size(), "the ensemble is in the state file");

        Leader first = cluster.awaitLeader("a leader", LEADER_TIMEOUT, leader -> true);
        NodeSpec follower = followerOf(first);
        client.createAccount(first.node().httpUrl(), "zk-a", OPENING_BALANCE);
        client.createAccount(first.node().httpUrl(), "zk-b", OPENING_BALANCE);
        commit(follower.httpUrl(), new TransferRequest("zk-forwarded", "zk-a", "zk-b", AMOUNT));

        long killedAt = System.nanoTime();
        cluster.nodes().kill(first.node());
        Leader second = cluster.awaitLeader("a new leader after " + first.node().id() + " was killed", FAILOVER_MAX,
                leader -> leader.info().term() > first.info().term());
        System.out.printf("%s leads in term %d, %d ms after %s (term %d) was killed%n", second.node().id(),
                second.info().term(), Duration.ofNanos(System.nanoTime() - killedAt).toMillis(), first.node().id(),
                first.info().term());
        NodeSpec survivor = cluster.nodes().nodeSpecs().stream()
                .filter(node -> !node.equals(first.node()) && !node.equals(second.node())).findFirst().orElseThrow();
        commit(survivor.httpUrl(), new TransferRequest("zk-after-failover", "zk-a", "zk-b", AMOUNT));

        assertEquals(OPENING_BALANCE - 2 * AMOUNT, client.balance(second.node().httpUrl(), "zk-a"),
                "each transfer took effect once");
        assertTrue(client.audit(second.node().httpUrl()).path("ok").asBoolean(), "the audit is clean");

        cluster.close();
        cluster = null;
        assertNothingLeft(state, ports);
    }

    /** Another node, once it follows {@code leader}: it then forwards to it rather than answer 503. */
    private NodeSpec followerOf(Leader leader) throws IOException, InterruptedException {
        NodeSpec follower = cluster.nodes().nodeSpecs().stream().filter(node -> !node.equals(leader.node()))
                .findFirst().orElseThrow();
        cluster.await(follower.id() + " follows " + leader.node().id(), LEADER_TIMEOUT,
                () -> cluster.nodes().clusterInfo(follower).filter(info -> info.follows(leader.node().id())));
        return follower;
    }

    /** Sends the transfer, and again with its key while its outcome is not known, until it has committed. */
    private void commit(String nodeUrl, TransferRequest request) throws IOException, InterruptedException {
        TransferAnswer answer = cluster.await(request.idempotencyKey() + " commits through " + nodeUrl, COMMIT_MAX,
                () -> {
                    try {
                        TransferAnswer sent = client.transfer(nodeUrl, request);
                        return sent.retryable() ? Optional.empty() : Optional.of(sent);
                    } catch (IOException noAnswer) {
                        return Optional.empty();
                    }
                });
        assertTrue(answer.committed(), request.idempotencyKey() + ": " + answer);
    }

    private static void assertNothingLeft(ClusterState state, List<Integer> clusterPorts)
            throws InterruptedException {
        List<RecordedProcess> processes = new ArrayList<>();
        state.nodes().forEach(node -> processes.add(node.process()));
        state.zookeeper().members().stream().map(ZooKeeperMemberState::process).forEach(processes::add);
        processes.add(state.database().embeddedPostgres());
        for (RecordedProcess process : processes) {
            Optional<ProcessHandle> live = process.findLive();
            if (live.isPresent()) {
                Processes.awaitExit(live.get(), EXIT_MAX);
            }
        }
        assertEquals(List.of(), processes.stream().filter(process -> process.findLive().isPresent()).toList(),
                "processes of the cluster still running");

        List<Integer> ports = new ArrayList<>(clusterPorts);
        ports.add(URI.create(state.database().jdbcUrl().substring("jdbc:".length())).getPort());
        assertEquals(List.of(), ports.stream().filter(port -> !Loopback.isPortFree(port)).toList(),
                "ports of the cluster still taken");
    }
}
