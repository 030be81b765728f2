package dev.ledger.mode.zookeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The election on a real three-member ZooKeeper ensemble, in process (curator-test): one leader at a time, reported
 * as the service acts on it, and a token that only rises, whatever happens to the leaders, the latch's znodes or the
 * ensemble's members.
 */
class ZooKeeperElectionTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int TICK_MS = 500;
    private static final int SESSION_TIMEOUT_MS = 4_000;
    private static final int CONNECTION_TIMEOUT_MS = 2_000;
    private static final String ROOT = "/ledger";
    private static final String CONTAINER_CHECK = "znode.container.checkIntervalMs";
    /** Under target/, not the temporary directory: ZooKeeper also leaves its generated configuration next to it. */
    private static final Path ENSEMBLES = Path.of("target", "zookeeper-tests");

    private Path dataDirs;
    private TestingCluster ensemble;
    private CuratorFramework observer;
    private final List<Node> nodes = new ArrayList<>();
    /** The highest token "PostgreSQL" has seen, as every node's floor. */
    private final AtomicLong databaseToken = new AtomicLong();
    private final AtomicInteger leadingNow = new AtomicInteger();
    private final AtomicInteger mostLeadingAtOnce = new AtomicInteger();

    @BeforeAll
    static void deleteEmptyContainersQuickly() {
        // ZooKeeper removes an empty container znode (the latch's parent) within this, instead of a minute
        System.setProperty(CONTAINER_CHECK, "100");
    }

    @AfterAll
    static void restoreContainerCheck() {
        System.clearProperty(CONTAINER_CHECK);
    }

    @BeforeEach
    void startEnsemble() throws Exception {
        dataDirs = ENSEMBLES.resolve(UUID.randomUUID().toString());
        List<InstanceSpec> members = new ArrayList<>();
        for (int id = 1; id <= 3; id++) {
            Path dataDir = Files.createDirectories(dataDirs.resolve("z" + id));
            members.add(new InstanceSpec(dataDir.toFile(), -1, -1, -1, true, id, TICK_MS, -1, null, "127.0.0.1"));
        }
        ensemble = new TestingCluster(members);
        ensemble.start();
        observer = CuratorFrameworkFactory.newClient(ensemble.getConnectString(), SESSION_TIMEOUT_MS,
                CONNECTION_TIMEOUT_MS, new RetryOneTime(100));
        observer.start();
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (Node node : nodes) {
            node.election.close();
        }
        observer.close();
        ensemble.close();
        try (Stream<Path> files = Files.walk(dataDirs)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @Test
    void exactlyOneOfThreeLeadsAndAllKnowWhich() throws Exception {
        start("n1", "n2", "n3");

        Node leader = awaitLeaderAbove(0);

        assertEquals(1, nodes.stream().filter(n -> n.election.token().isPresent()).count());
        PublishedLeader published = new PublishedLeader(leader.id, leader.httpUrl(),
                leader.election.token().getAsLong());
        for (Node node : nodes) {
            Await.until(node.id + " knows the leader", WAIT,
                    () -> node.election.leader().equals(Optional.of(published)));
        }
        assertNeverTwoLeadersAtOnce();
    }

    @Test
    void theTokenRisesWithEachLeadershipOverRejoinAndClose() throws Exception {
        start("n1", "n2", "n3");
        Node first = awaitLeaderAbove(0);
        long firstToken = first.election.token().getAsLong();

        first.election.rejoin();
        first.awaitReport("notLeading " + firstToken);
        Node second = awaitLeaderAbove(firstToken);
        long secondToken = second.election.token().getAsLong();

        second.election.close();
        second.awaitReport("notLeading " + secondToken);
        Node third = awaitLeaderAbove(secondToken);

        assertTrue(third != second, "a closed node does not lead");
        assertEquals(secondToken + 1, third.election.token().getAsLong(), "tokens are dense");
        assertNeverTwoLeadersAtOnce();
    }

    @Test
    void theTokenRisesAfterZooKeeperDeletedTheEmptyLatchParent() throws Exception {
        Node alone = start("n1").get(0);
        long before = awaitLeaderAbove(0).election.token().getAsLong();
        alone.election.close();
        Await.until("ZooKeeper deletes the empty latch parent", WAIT,
                () -> observer.checkExists().forPath(ROOT + "/latch") == null);

        Node next = start("n2").get(0);

        assertEquals(next, awaitLeaderAbove(before));
        assertEquals(before + 1, next.election.token().getAsLong());
        List<String> latchNodes = observer.getChildren().forPath(ROOT + "/latch");
        assertTrue(latchNodes.size() == 1 && latchNodes.get(0).endsWith("latch-0000000000"),
                "the latch's sequence started again: " + latchNodes);
        assertNeverTwoLeadersAtOnce();
    }

    @Test
    void aClaimForALatchNodeThatIsGoneDrawsNoTokenAndChangesNothing() throws Exception {
        try (CuratorFramework x = newClient(); CuratorFramework y = newClient()) {
            EpochClaim claimOfX = new EpochClaim(x, config("x"));
            EpochClaim claimOfY = new EpochClaim(y, config("y"));
            String latchOfX = latchNode(x);
            assertEquals(OptionalLong.of(1), claimOfX.claim(latchOfX, 0));

            // x's leadership ends (its latch node goes, as when its session expires) and y's begins
            x.delete().forPath(latchOfX);
            assertEquals(OptionalLong.of(2), claimOfY.claim(latchNode(y), 0));

            assertEquals(OptionalLong.empty(), claimOfX.claim(latchOfX, 0), "x is no longer the leader");
            assertEquals("2", new String(observer.getData().forPath(ROOT + "/epoch"), StandardCharsets.US_ASCII));
            assertEquals(new PublishedLeader("y", "http://y", 2),
                    PublishedLeader.fromBytes(observer.getData().forPath(ROOT + "/leader")));
        }
    }

    @Test
    void theTokenStartsAboveTheHighestTokenPostgresHasSeen() throws Exception {
        databaseToken.set(41);
        Node only = start("n1").get(0);
        assertEquals(42, awaitLeaderAbove(0).election.token().getAsLong(), "ZooKeeper's epoch was 0");

        databaseToken.set(0);
        only.election.rejoin();
        only.awaitReport("notLeading 42");
        assertEquals(43, awaitLeaderAbove(42).election.token().getAsLong(), "from ZooKeeper's epoch, now the higher");
        assertNeverTwoLeadersAtOnce();
    }

    @Test
    void killingTheMemberTheLeaderIsConnectedToNeverMakesTwoLeaders() throws Exception {
        start("n1", "n2", "n3");
        Node leader = awaitLeaderAbove(0);
        long token = leader.election.token().getAsLong();
        InstanceSpec member = ensemble.findConnectionInstance(zooKeeperOf(leader));
        assertNotNull(member);

        ensemble.killServer(member);

        // Suspended, the leader stops at once; its session (and latch node) survive, so it leads again, re-claimed.
        leader.awaitReport("notLeading " + token);
        awaitLeaderAbove(token);
        assertNeverTwoLeadersAtOnce();
    }

    @Test
    void anExpiredSessionEndsTheLeadershipAndAnotherBegins() throws Exception {
        start("n1", "n2", "n3");
        Node leader = awaitLeaderAbove(0);
        long token = leader.election.token().getAsLong();

        zooKeeperOf(leader).getTestable().injectSessionExpiration();

        // The server ended the session first (its latch node went at once) and the client learns of it after, with no
        // suspension before, as a paused process would: another node may lead before this one hears. Not asserted
        // here, but the reason for the token: the new leadership's is greater, so PostgreSQL fences the old one.
        leader.awaitReport("notLeading " + token);
        awaitLeaderAbove(token);
    }

    @Test
    void losingTheQuorumEndsTheLeadership() throws Exception {
        start("n1", "n2", "n3");
        Node leader = awaitLeaderAbove(0);
        long token = leader.election.token().getAsLong();

        List<InstanceSpec> members = List.copyOf(ensemble.getInstances());
        ensemble.killServer(members.get(0));
        ensemble.killServer(members.get(1));

        leader.awaitReport("notLeading " + token);
        assertEquals(0, leadingNow.get(), "without a quorum nobody can draw a token");
        assertNeverTwoLeadersAtOnce();
    }

    /** What the service acts on: never two nodes between {@code leading} and {@code notLeading} at once. */
    private void assertNeverTwoLeadersAtOnce() {
        assertEquals(1, mostLeadingAtOnce.get(), "nodes that led at once, at most");
    }

    private List<Node> start(String... ids) {
        List<Node> started = new ArrayList<>();
        for (String id : ids) {
            Node node = new Node(id);
            nodes.add(node);
            started.add(node);
            node.election.start();
        }
        return started;
    }

    /** Waits for a node to lead with a token above {@code token}, and returns it. */
    private Node awaitLeaderAbove(long token) throws Exception {
        Await.until("a leader with a token above " + token, WAIT, () -> nodes.stream()
                .anyMatch(n -> n.election.token().orElse(0) > token));
        return nodes.stream().filter(n -> n.election.token().orElse(0) > token).findFirst().orElseThrow();
    }

    private ElectionConfig config(String id) {
        return new ElectionConfig(ensemble.getConnectString(), ROOT, id, "http://" + id, SESSION_TIMEOUT_MS,
                CONNECTION_TIMEOUT_MS);
    }

    private CuratorFramework newClient() {
        CuratorFramework client = CuratorFrameworkFactory.newClient(ensemble.getConnectString(), SESSION_TIMEOUT_MS,
                CONNECTION_TIMEOUT_MS, new RetryOneTime(100));
        client.start();
        return client;
    }

    /**
     * A node under the latch as a LeaderLatch makes it, owned by {@code client}'s session: ephemeral, sequential, and
     * protected (a random prefix), so that no later node has its path even once the sequence starts again.
     */
    private static String latchNode(CuratorFramework client) throws Exception {
        return client.create().creatingParentContainersIfNeeded().withProtection()
                .withMode(CreateMode.EPHEMERAL_SEQUENTIAL).forPath(ROOT + "/latch/latch-");
    }

    private static ZooKeeper zooKeeperOf(Node node) throws Exception {
        return node.election.client().getZookeeperClient().getZooKeeper();
    }

    /** A service node in the election: records what it is told, and counts the nodes that lead at once. */
    private final class Node implements ZooKeeperElection.Listener {
        final String id;
        final ZooKeeperElection election;
        final List<String> reports = new CopyOnWriteArrayList<>();

        Node(String id) {
            this.id = id;
            this.election = new ZooKeeperElection(config(id), databaseToken::get, this);
        }

        String httpUrl() {
            return "http://" + id;
        }

        @Override
        public void leading(long token) {
            mostLeadingAtOnce.accumulateAndGet(leadingNow.incrementAndGet(), Math::max);
            reports.add("leading " + token);
        }

        @Override
        public void notLeading(long token) {
            leadingNow.decrementAndGet();
            reports.add("notLeading " + token);
        }

        void awaitReport(String report) throws Exception {
            Await.until(id + " reports " + report, WAIT, () -> reports.contains(report));
        }

        @Override
        public String toString() {
            return id + " " + reports;
        }
    }
}
