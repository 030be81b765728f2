package dev.ledger.mode.raft;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.config.LedgerConfig;
import dev.ledger.contract.ClusterInfo;
import dev.ledger.contract.Mode;
import dev.ledger.domain.Inputs;
import dev.ledger.domain.InvalidRequest;
import dev.ledger.domain.TransferCommand;
import dev.ledger.domain.TransferResult;
import dev.ledger.domain.Unavailable;
import dev.ledger.mode.ForMode;
import dev.ledger.mode.Leadership;
import dev.ledger.mode.leader.ClusterSecret;
import dev.ledger.mode.leader.ForwardTarget;
import dev.ledger.mode.leader.LeaderAnswers;
import dev.ledger.mode.leader.LeaderContact;
import dev.ledger.mode.leader.LeaderDatasource;
import dev.ledger.mode.leader.LeaderForwarder;
import dev.ledger.mode.leader.LeaderLimits;
import dev.ledger.mode.leader.LeaderRouter;
import dev.ledger.mode.leader.RoutedStrategy;
import dev.ledger.mode.leader.SignedForwards;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * A raft leader orders every transfer. Any node accepts a transfer: the leader proposes it to the raft log, a
 * follower forwards it to the leader ({@link LeaderRouter}). Once committed, every node's state machine applies
 * entries in log order to PostgreSQL in batches, fenced so that each entry takes effect exactly once (see
 * {@link IndexBatchApplier}). The answer is sent once the entry is applied, so reads from the database on any node see
 * every acknowledged transfer.
 * Refused before proposing (503 unavailable, nothing done): no leader within {@code leader-wait-ms}, too many
 * proposals in flight, a leader whose apply fails or lags, an invalid command. Proposed but no outcome within
 * {@code commit-timeout-ms}: 503 outcome-unknown, and the client retries with its Idempotency-Key (deduplicated at
 * apply). Apply has a small pool of its own (datasource "apply") with statement and socket timeouts, so neither
 * the API's load nor a half-open connection can stall it.
 */
@ApplicationScoped
@ForMode(Mode.RAFT)
public class RaftStrategy implements RoutedStrategy, Leadership, ForwardTarget {

    private static final Logger LOG = Logger.getLogger(RaftStrategy.class);

    @Inject
    LedgerConfig config;
    @Inject
    SignedForwards signedForwards;
    @Inject
    RaftConfig raft;
    @Inject
    @io.quarkus.agroal.DataSource(LeaderDatasource.NAME)
    DataSource applyDataSource;
    @Inject
    ObjectMapper json;
    @Inject
    Vertx vertx;
    @Inject
    MeterRegistry registry;

    private ClusterSecret secret;
    private LedgerRaftNode node;
    private LeaderRouter router;
    private Semaphore inFlight;

    @PostConstruct
    void start() {
        LeaderLimits.requireConsistent("ledger.raft", raft, config.applyIdleInTransactionTimeoutMs());
        DistributionSummary batchSizes = DistributionSummary.builder(RaftMetrics.APPLY_BATCH_SIZE)
                .description("Transfers applied to PostgreSQL per database transaction")
                .publishPercentileHistogram().register(registry);
        DistributionSummary entrySizes = DistributionSummary.builder(RaftMetrics.ENTRY_TRANSFERS)
                .description("Transfers per raft log entry this leader proposed (group commit)")
                .publishPercentileHistogram().register(registry);
        Timer applyDuration = Timer.builder(RaftMetrics.APPLY_DURATION)
                .description("Time to apply one batch of raft entries to PostgreSQL")
                .publishPercentileHistogram().register(registry);
        secret = signedForwards.secret();
        IndexBatchApplier applier = new IndexBatchApplier(applyDataSource, raft.adoptDatabase());
        node = new LedgerRaftNode(raft, config.nodeId(), secret, applier, raft.applyBatchMax(), (transfers, nanos) -> {
            batchSizes.record(transfers);
            applyDuration.record(nanos, TimeUnit.NANOSECONDS);
        }, entrySizes::record);
        LeaderForwarder forwarder = new LeaderForwarder(vertx, json, secret,
                Duration.ofMillis(raft.commitTimeoutMs() + raft.leaderWaitMs()), Mode.RAFT);
        router = new LeaderRouter(this, config.nodeId(), forwarder, raft.leaderWaitMs());
        inFlight = new Semaphore(raft.maxInFlight());
        Gauge.builder(RaftMetrics.TERM, node, LedgerRaftNode::term)
                .description("The raft term this node is in").register(registry);
        Gauge.builder(RaftMetrics.LEADER, node, n -> n.isLeader() ? 1 : 0)
                .description("1 on the leader, 0 elsewhere").register(registry);
        Gauge.builder(RaftMetrics.APPLY_LAG, node, n -> n.commitIndex() - n.appliedIndex())
                .description("Committed raft entries not yet applied by this node").register(registry);
        Gauge.builder(RaftMetrics.IN_FLIGHT, inFlight, s -> raft.maxInFlight() - s.availablePermits())
                .description("Proposals of this node waiting to be applied").register(registry);
    }

    @PreDestroy
    void stop() {
        node.shutdown();
        // Said again last, after JRaft's shutdown lines: what an operator reads in the log's tail.
        node.stateMachine().halted().ifPresent(why -> LOG.errorf("stopped because: %s", why));
    }

    @Override
    public Mode mode() {
        return Mode.RAFT;
    }

    @Override
    public LeaderRouter router() {
        return router;
    }

    @Override
    public LeaderContact.View leaderContact() {
        return node.leaderContact();
    }

    /** A new group's leader first claims the database; it takes transfers once that claim is applied. */
    @Override
    public boolean takesTransfers() {
        return node.isLeader() && node.stateMachine().groupId().isPresent();
    }

    @Override
    public String whyNoLeader(long leaderlessForMs) {
        return node.stateMachine().halted().map(why -> "this raft node stopped: " + why)
                .orElse(noLeader(leaderlessForMs));
    }

    private static String noLeader(long leaderlessForMs) {
        return "no raft leader that can take transfers (an election is under way, or this node is cut off from the"
                + " others" + (leaderlessForMs > 0 ? ": it has had none for " + leaderlessForMs + " ms" : "")
                + "); nothing was done, retry, at another node too";
    }

    /**
     * Every command is validated here, forwarded ones too: an entry in the log is applied by every node, so one that
     * cannot be applied must never get there.
     */
    @Override
    public CompletableFuture<TransferResult> proposeAsLeader(TransferCommand command) {
        Inputs.problemWith(command, config.idempotency().keyMaxLength()).ifPresent(problem -> {
            throw new InvalidRequest(problem);
        });
        refuseUnlessAbleToApply();
        acquireSlot();
        CompletableFuture<TransferResult> applied;
        try {
            applied = node.propose(command);
        } catch (RuntimeException failure) {
            inFlight.release();
            throw failure;
        }
        applied.whenComplete((result, failure) -> inFlight.release());
        // Even an entry whose proposer lost leadership may be committed by the next leader: its failure says so.
        return LeaderAnswers.within(applied, raft.commitTimeoutMs());
    }

    /** A definite refusal, before anything is proposed, from a leader that could not apply what it proposes. */
    private void refuseUnlessAbleToApply() {
        LedgerStateMachine machine = node.stateMachine();
        if (!node.isLeader() || machine.groupId().isEmpty()) {
            throw new Unavailable("this node does not lead, or has not yet applied its group's claim; retry");
        }
        if (machine.halted().isPresent() || !applying(machine)) {
            throw new Unavailable("the raft leader cannot apply to PostgreSQL now; nothing was done, retry");
        }
        long lag = node.commitIndex() - node.appliedIndex();
        if (lag > raft.readyLagMaxEntries()) {
            throw new Unavailable("the raft leader is " + lag + " entries behind in applying; nothing was done,"
                    + " retry shortly");
        }
    }

    @Override
    public Optional<Leadership> leadership() {
        return Optional.of(this);
    }

    @Override
    public boolean leads() {
        return node.isLeader();
    }

    @Override
    public Optional<Member> leader() {
        return node.leader().map(RaftPeer::member);
    }

    @Override
    public List<Member> members() {
        return node.peers().stream().map(RaftPeer::member).toList();
    }


    /**
     * Bounds the proposals in flight, so that JRaft's queue never overflows (EBUSY) and latency stays bounded; past
     * the bound a transfer is refused at once (this runs on the event loop, which must not wait).
     */
    private void acquireSlot() {
        if (!inFlight.tryAcquire()) {
            throw new Unavailable("too many transfers in flight on the raft leader; retry shortly");
        }
    }

    @Override
    public ClusterInfo cluster() {
        // One reading of term and leadership, so that no answer names a leader with the term before its own.
        LedgerStateMachine.LeaderTerm leaderTerm = node.stateMachine().leaderTerm();
        return new ClusterInfo(node.role(leaderTerm), node.leader().map(RaftPeer::id).orElse(null), leaderTerm.term(),
                node.peers().stream().map(RaftPeer::id).toList(), node.commitIndex(), node.appliedIndex(), null);
    }

    /** A leader is known, and this node applies (its database reachable) and has applied nearly all committed. */
    @Override
    public boolean ready() {
        LedgerStateMachine machine = node.stateMachine();
        return node.leader().isPresent() && machine.halted().isEmpty() && applying(machine)
                && node.commitIndex() - node.appliedIndex() <= raft.readyLagMaxEntries();
    }

    /** Apply gets through: its current batch (if any) has not failed, nor hung for the hand-over bound. */
    private boolean applying(LedgerStateMachine machine) {
        return !machine.applyFailing() && machine.applyStalledForMs() < raft.applyFailureHandoverMs();
    }
}
