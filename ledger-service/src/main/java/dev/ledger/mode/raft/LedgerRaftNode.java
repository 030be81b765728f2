package dev.ledger.mode.raft;

import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.RaftGroupService;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.core.State;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.entity.Task;
import com.alipay.sofa.jraft.option.NodeOptions;
import com.alipay.sofa.jraft.rpc.RaftRpcServerFactory;
import com.alipay.sofa.jraft.rpc.RpcServer;
import com.alipay.sofa.jraft.rpc.impl.BoltRpcServer;
import dev.ledger.contract.ClusterInfo;
import dev.ledger.domain.TransferCommand;
import dev.ledger.domain.TransferResult;
import dev.ledger.mode.leader.ClusterSecret;
import dev.ledger.mode.leader.LeaderContact;
import dev.ledger.mode.raft.IndexFencedStore.Fence;
import io.quarkus.runtime.Quarkus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.jboss.logging.Logger;

/**
 * One member of the ledger's raft group, running inside the service: its JRaft node, the Bolt RPC server bound to
 * the configured address (JRaft's default factory would bind 0.0.0.0) and speaking mutual TLS, and the state
 * machine. As leader it proposes the group's claim on the database while its log has none, and hands leadership
 * over when its apply has been stalled for {@code apply-failure-handover-ms} (a leader cut off from PostgreSQL
 * would otherwise keep leading a group that cannot commit a write).
 */
public class LedgerRaftNode {

    private static final Logger LOG = Logger.getLogger(LedgerRaftNode.class);
    static final String GROUP_ID = "ledger";
    /** How long a stopping leader waits for a successor before it goes anyway. */
    private static final long HANDOVER_WAIT_MS = 3_000;

    private static final long WATCH_INTERVAL_MS = 250;
    /** The exit status of a node that stopped applying for good (see {@link LedgerStateMachine#halted()}). */
    private static final int EXIT_HALTED = 3;

    private final List<RaftPeer> peers;
    private final RaftPeer self;
    private final LedgerStateMachine stateMachine;
    private final RaftGroupService group;
    private final Node node;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "raft-apply-watchdog");
        thread.setDaemon(true);
        return thread;
    });
    private final LeaderContact leaderContact = new LeaderContact(() -> leader().map(RaftPeer::member));
    private final ProposalBatcher batcher;
    private long handedOverAtNanos;
    private long claimedInTerm;

    public LedgerRaftNode(RaftConfig config, String nodeId, ClusterSecret secret, IndexBatchApplier applier,
            int batchMax, LedgerStateMachine.BatchObserver observer, IntConsumer entrySizes) {
        this.peers = RaftPeer.group(config.peers(), config.peerTemplate(), config.members());
        this.self = peers.stream().filter(p -> p.id().equals(nodeId)).findFirst().orElseThrow(
                () -> new IllegalStateException("ledger.node-id '" + nodeId + "' is not one of the raft members "
                        + peers.stream().map(RaftPeer::id).toList()));
        Path dataDir = Path.of(config.dataDir()).toAbsolutePath();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the raft data dir " + dataDir, e);
        }
        GroupIdFile groupFile = new GroupIdFile(dataDir);
        refuseAForeignDatabase(groupFile, fence(applier));
        this.stateMachine = new LedgerStateMachine(applier, batchMax, config.followerApplyDelayMs(), observer,
                () -> fence(applier), groupFile::write, LedgerRaftNode::exitHalted);
        Configuration initial = new Configuration();
        peers.forEach(peer -> initial.addPeer(peerId(peer)));
        NodeOptions options = new NodeOptions();
        options.setElectionTimeoutMs(config.electionTimeoutMs());
        options.setSnapshotIntervalSecs(config.snapshotIntervalSecs());
        options.setLogUri(dataDir.resolve("log").toString());
        options.setRaftMetaUri(dataDir.resolve("meta").toString());
        options.setSnapshotUri(dataDir.resolve("snapshot").toString());
        options.setInitialConf(initial);
        options.setFsm(stateMachine);
        options.getRaftOptions().setSync(config.logSync());
        // RocksDB's statistics of the log store cost on every append; nothing here reads them.
        options.getRaftOptions().setOpenStatistics(false);

        String bindHost = config.bindHost().orElse(self.raftHost());
        int bindPort = config.bindPort().orElse(self.raftPort());
        var bolt = new com.alipay.remoting.rpc.RpcServer(bindHost, bindPort, true);
        RaftTransportSecurity.requireMutualTls(bolt, config.tlsKeystore().orElse(null), secret);
        RpcServer rpcServer = new BoltRpcServer(bolt);
        RaftRpcServerFactory.addRaftRequestProcessors(rpcServer);
        this.group = new RaftGroupService(GROUP_ID, peerId(self), options, rpcServer);
        this.node = group.start();
        this.batcher = new ProposalBatcher(config.proposalBatchMax(), config.proposalBatchMaxBytes(),
                config.proposalEntriesInFlight(), this::appendEntry, entrySizes);
        LOG.infof("raft node %s on %s:%d (data in %s), peers %s", self.id(), bindHost, bindPort, dataDir,
                peers.stream().map(RaftPeer::id).toList());
        watchdog.scheduleWithFixedDelay(() -> {
            leaderContact.look();
            proposeClaimIfUnknown(config.adoptDatabase());
            handOverIfApplyFails(config.applyFailureHandoverMs());
        }, WATCH_INTERVAL_MS, WATCH_INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    /** A node that knows its group (from its raft data) refuses to start on a database another group owns. */
    static void refuseAForeignDatabase(GroupIdFile groupFile, Fence fence) {
        Optional<UUID> mine = groupFile.read();
        if (mine.isPresent() && !mine.get().equals(fence.groupId())) {
            throw new IllegalStateException("this node belongs to raft group " + mine.get() + " (" + groupFile
                    + "), but the database's fence (index " + fence.appliedIndex() + ") belongs to "
                    + (fence.groupId() == null ? "no group: it was replaced or restored" : "group " + fence.groupId())
                    + ". To join the group that owns the database, delete this node's raft data; "
                    + DatabaseNotOwned.RECOVERY);
        }
    }

    /**
     * A node that stopped applying for good exits, so that the reason is the last thing its log says and an
     * operator (or Kubernetes, or {@code ./ledger up}) sees it fail, instead of a node that runs and never serves.
     */
    private static void exitHalted(String why) {
        LOG.errorf("this node exits: %s", why);
        Quarkus.asyncExit(EXIT_HALTED);
    }

    private static Fence fence(IndexBatchApplier applier) {
        try {
            return applier.fence();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the raft fence", e);
        }
    }

    /**
     * A leader whose log has not named its group yet proposes a claim with a fresh id, once per term: if the log
     * did hold one (not yet applied here), this claim changes nothing when applied after it.
     */
    private void proposeClaimIfUnknown(boolean adopt) {
        long term = stateMachine.term();
        if (stateMachine.groupId().isPresent() || !isLeader() || claimedInTerm == term) {
            return;
        }
        claimedInTerm = term;
        GroupClaim claim = new GroupClaim(UUID.randomUUID(), adopt);
        Task task = new Task(TransferCodec.encode(claim), status -> {
            if (!status.isOk()) {
                LOG.warnf("the claim of term %d was not committed: %s", term, status);
            }
        });
        task.setExpectedTerm(term);
        node.apply(task);
    }

    private void handOverIfApplyFails(long afterMs) {
        long stalledMs = stateMachine.applyStalledForMs();
        boolean recentlyHandedOver = handedOverAtNanos != 0
                && System.nanoTime() - handedOverAtNanos < TimeUnit.MILLISECONDS.toNanos(afterMs);
        if (stalledMs < afterMs || peers.size() < 2 || recentlyHandedOver || !node.isLeader()) {
            return;
        }
        handedOverAtNanos = System.nanoTime();
        Status status = node.transferLeadershipTo(PeerId.ANY_PEER);
        LOG.warnf("apply to PostgreSQL has been stalled for %d ms: handing leadership to the most caught-up peer"
                + " (%s)", stalledMs, status);
    }

    /**
     * Proposes the transfer, in a log entry with others that arrive meanwhile ({@link ProposalBatcher}); the future
     * completes once it is committed and applied, or fails (OutcomeUnknown).
     */
    public CompletableFuture<TransferResult> propose(TransferCommand command) {
        return batcher.propose(command);
    }

    private void appendEntry(ByteBuffer entry, TransferClosure closure) {
        Task task = new Task(entry, closure);
        // Refused if this node has meanwhile lost the term it led, so a deposed leader cannot append.
        task.setExpectedTerm(stateMachine.term());
        node.apply(task);
    }

    public boolean isLeader() {
        return node.isLeader() && stateMachine.isLeader();
    }

    /** The state machine's view: the group, apply failures, a halt. */
    public LedgerStateMachine stateMachine() {
        return stateMachine;
    }

    /** The current leader, and since when this node has had none. */
    public LeaderContact.View leaderContact() {
        return leaderContact.look();
    }

    /** The current leader, if this node knows one. */
    public Optional<RaftPeer> leader() {
        PeerId leader = node.getLeaderId();
        if (leader == null || leader.isEmpty()) {
            return Optional.empty();
        }
        String address = leader.getEndpoint().toString();
        return peers.stream().filter(p -> p.raftAddress().equals(address)).findFirst();
    }

    /**
     * JRaft's role, except that a JRaft leader is said to lead only once its state machine does, in the term of
     * {@code leaderTerm}: until the state machine has started the new term it is still a candidate to clients (and
     * takes no proposals, see {@link #isLeader()}).
     */
    public String role(LedgerStateMachine.LeaderTerm leaderTerm) {
        State state = node.getNodeState();
        return switch (state) {
            case STATE_LEADER, STATE_TRANSFERRING -> leaderTerm.leading() ? ClusterInfo.LEADER : ClusterInfo.CANDIDATE;
            case STATE_CANDIDATE -> ClusterInfo.CANDIDATE;
            case STATE_FOLLOWER -> ClusterInfo.FOLLOWER;
            default -> state.name().replace("STATE_", "");
        };
    }

    public long term() {
        return stateMachine.term();
    }

    /** The commit index; a node in JRaft's error state has none, and reports what it applied. */
    public long commitIndex() {
        try {
            return node.getLastCommittedIndex();
        } catch (IllegalStateException notActive) {
            return stateMachine.appliedIndex();
        }
    }

    public long appliedIndex() {
        try {
            return node.getLastAppliedLogIndex();
        } catch (IllegalStateException notActive) {
            return stateMachine.appliedIndex();
        }
    }

    public RaftPeer self() {
        return self;
    }

    public List<RaftPeer> peers() {
        return peers;
    }

    /** Hands leadership to another peer first (fewer failed writes than an election), then stops. */
    public void shutdown() {
        if (node.isLeader() && peers.size() > 1) {
            peers.stream().filter(p -> !p.equals(self)).findFirst().ifPresent(successor -> {
                var status = node.transferLeadershipTo(peerId(successor));
                LOG.infof("handing leadership to %s: %s", successor.id(), status);
                long deadline = System.currentTimeMillis() + HANDOVER_WAIT_MS;
                while (node.isLeader() && System.currentTimeMillis() < deadline) {
                    sleep(50);
                }
            });
        }
        watchdog.shutdownNow();
        stateMachine.stopping();
        group.shutdown();
        try {
            group.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static PeerId peerId(RaftPeer peer) {
        return new PeerId(peer.raftHost(), peer.raftPort());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
