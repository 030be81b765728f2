package dev.ledger.strategy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.config.LedgerConfig;
import dev.ledger.config.Mode;
import dev.ledger.raft.BatchApplier;
import dev.ledger.raft.LedgerRaftNode;
import dev.ledger.raft.LedgerStateMachine;
import dev.ledger.raft.RaftForwarder;
import dev.ledger.raft.RaftPeer;
import dev.ledger.security.ClusterSecret;
import dev.ledger.store.FencedLedgerStore;
import dev.ledger.transfer.TransferCommand;
import dev.ledger.transfer.TransferResult;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;

/**
 * A raft leader orders every transfer. Any node accepts a transfer: the leader proposes it to the raft log, a
 * follower forwards it to the leader. Once committed, every node's state machine applies entries in log order to
 * PostgreSQL in batches, fenced so that each entry takes effect exactly once (see {@link BatchApplier}). The answer
 * is sent once the entry is applied, so reads from the database on any node see every acknowledged transfer.
 * No leader within {@code leader-wait-ms}, too many proposals in flight, or no outcome within
 * {@code commit-timeout-ms}: 503, and the client retries with its Idempotency-Key (deduplicated at apply).
 */
@ApplicationScoped
@Typed(RaftStrategy.class)
public class RaftStrategy implements TransferStrategy {

    private static final long LEADER_POLL_MS = 20;

    @Inject
    LedgerConfig config;
    @Inject
    DataSource dataSource;
    @Inject
    ObjectMapper json;
    @Inject
    MeterRegistry registry;

    private ClusterSecret secret;
    private LedgerRaftNode node;
    private RaftForwarder forwarder;
    private Semaphore inFlight;

    @PostConstruct
    void start() {
        LedgerConfig.Raft raft = config.raft();
        DistributionSummary batchSizes = DistributionSummary.builder("ledger.raft.apply.batch.size")
                .description("Raft log entries applied to PostgreSQL per database transaction")
                .publishPercentileHistogram().register(registry);
        Timer applyDuration = Timer.builder("ledger.raft.apply.duration")
                .description("Time to apply one batch of raft entries to PostgreSQL")
                .publishPercentileHistogram().register(registry);
        var stateMachine = new LedgerStateMachine(new BatchApplier(dataSource), raft.applyBatchMax(),
                raft.followerApplyDelayMs(),
                (entries, nanos) -> {
                    batchSizes.record(entries);
                    applyDuration.record(nanos, TimeUnit.NANOSECONDS);
                }, this::databaseAppliedIndex);
        secret = ClusterSecret.of(config.clusterSecret().orElse(null));
        node = new LedgerRaftNode(raft, config.nodeId(), secret, stateMachine);
        forwarder = new RaftForwarder(json, secret, Duration.ofMillis(raft.commitTimeoutMs() + raft.leaderWaitMs()));
        inFlight = new Semaphore(raft.maxInFlight());
        Gauge.builder("ledger.raft.term", node, LedgerRaftNode::term).register(registry);
        Gauge.builder("ledger.raft.leader", node, n -> n.isLeader() ? 1 : 0)
                .description("1 on the leader, 0 elsewhere").register(registry);
        Gauge.builder("ledger.raft.apply.lag", node, n -> n.commitIndex() - n.appliedIndex())
                .description("Committed raft entries not yet applied by this node").register(registry);
        Gauge.builder("ledger.raft.in.flight", inFlight, s -> raft.maxInFlight() - s.availablePermits())
                .description("Proposals of this node waiting to be applied").register(registry);
    }

    @PreDestroy
    void stop() {
        node.shutdown();
    }

    @Override
    public Mode mode() {
        return Mode.RAFT;
    }

    @Override
    public TransferResult transfer(TransferCommand command) {
        long deadline = System.currentTimeMillis() + config.raft().leaderWaitMs();
        while (true) {
            if (node.isLeader()) {
                return proposeAsLeader(command);
            }
            Optional<RaftPeer> leader = node.leader();
            if (leader.isPresent() && !leader.get().equals(node.self())) {
                return forwarder.forward(leader.get(), command);
            }
            if (System.currentTimeMillis() >= deadline) {
                throw new Unavailable("no raft leader (an election is under way); retry with the same Idempotency-Key");
            }
            sleep(LEADER_POLL_MS);
        }
    }

    /** Proposes a transfer on this node, which must lead; used for local requests and ones forwarded to it. */
    public TransferResult proposeAsLeader(TransferCommand command) {
        if (!node.isLeader()) {
            throw new Unavailable("this node is not the raft leader");
        }
        acquireSlot();
        try {
            return node.propose(command).get(config.raft().commitTimeoutMs(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new Unavailable("the transfer was proposed but its outcome is not known yet;"
                    + " retry with the same Idempotency-Key");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Unavailable unavailable ? unavailable
                    : new IllegalStateException("raft apply failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while waiting for the raft log");
        } finally {
            inFlight.release();
        }
    }

    public boolean leads() {
        return node.isLeader();
    }

    /** The current leader's address book entry, if this node knows one. */
    public Optional<RaftPeer> leader() {
        return node.leader();
    }

    /** Checks the signature of a transfer another node forwarded to this one. */
    public boolean isFromClusterMember(byte[] body, String signature) {
        return secret.verify(body, signature);
    }

    /** Bounds the proposals in flight, so that JRaft's queue never overflows (EBUSY) and latency stays bounded. */
    private void acquireSlot() {
        try {
            if (!inFlight.tryAcquire(config.raft().leaderWaitMs(), TimeUnit.MILLISECONDS)) {
                throw new Unavailable("too many transfers in flight on the raft leader; retry shortly");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while waiting for a proposal slot");
        }
    }

    @Override
    public ClusterInfo cluster() {
        return new ClusterInfo(node.role(), node.leader().map(RaftPeer::id).orElse(null), node.term(),
                node.peers().stream().map(RaftPeer::id).toList(), node.commitIndex(), node.appliedIndex());
    }

    /** A leader is known and this node has applied (nearly) everything committed. */
    @Override
    public boolean ready() {
        return node.leader().isPresent()
                && node.commitIndex() - node.appliedIndex() <= config.raft().readyLagMaxEntries();
    }

    private long databaseAppliedIndex() {
        try (Connection connection = dataSource.getConnection()) {
            return FencedLedgerStore.appliedIndex(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the raft fence", e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while waiting for a raft leader");
        }
    }
}
