package dev.ledger.mode.zookeeper;

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
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * One node, elected on ZooKeeper, writes every transfer; the others forward theirs to it ({@link LeaderRouter}),
 * signed with the cluster secret. The leader queues transfers and its one writer writes them in batches, each in one
 * PostgreSQL transaction fenced by the leadership's token ({@link LeaderWriter}); the answer is sent after the commit,
 * so reads from the database on any node see every acknowledged transfer.
 *
 * <p>A new leader claims its token in PostgreSQL ({@link TokenFence#claim}) before it takes a transfer: from then on
 * no batch of an earlier leader commits. A leadership that ends (ZooKeeper suspended or lost, the fence refused a
 * batch, writes stuck for {@code apply-failure-handover-ms}) stops taking transfers and answers those still queued
 * 503 unavailable (nothing done); a batch in its transaction ends by itself, committed or refused. A commit cut off
 * is 503 outcome-unknown, and the client retries with its Idempotency-Key. Writes use apply's own small pool
 * (datasource "apply"), with its statement and socket timeouts, as raft does.
 */
@ApplicationScoped
@ForMode(Mode.ZOOKEEPER)
public class ZooKeeperStrategy implements RoutedStrategy, Leadership, ForwardTarget, ZooKeeperElection.Listener {

    private static final Logger LOG = Logger.getLogger(ZooKeeperStrategy.class);
    private static final String NOT_CONNECTED =
            "this node is not connected to ZooKeeper (the ensemble has no quorum, or cannot be reached)";

    @Inject
    LedgerConfig config;
    @Inject
    SignedForwards signedForwards;
    @Inject
    ZooKeeperConfig zookeeper;
    @Inject
    @io.quarkus.agroal.DataSource(LeaderDatasource.NAME)
    DataSource applyDataSource;
    @Inject
    ObjectMapper json;
    @Inject
    Vertx vertx;
    @Inject
    MeterRegistry registry;
    @ConfigProperty(name = "quarkus.http.host")
    String httpHost;
    @ConfigProperty(name = "quarkus.http.port")
    int httpPort;

    private ClusterSecret secret;
    private Member self;
    private LeaderWriter writer;
    private ZooKeeperElection election;
    private LeaderContact contact;
    private LeaderRouter router;
    private Counter fencedBatches;
    private ScheduledExecutorService watchdog;

    @PostConstruct
    void start() {
        LeaderLimits.requireConsistent("ledger.zookeeper", zookeeper, config.applyIdleInTransactionTimeoutMs());
        secret = signedForwards.secret();
        String connect = zookeeper.connect().orElseThrow(() -> new IllegalStateException("zookeeper mode needs"
                + " ledger.zookeeper.connect (env LEDGER_ZOOKEEPER_CONNECT): the ensemble, host:port,host:port,..."));
        self = new Member(config.nodeId(), URI.create(zookeeper.httpUrl().orElseGet(this::httpUrlFromListener)));
        fencedBatches = Counter.builder(ZooKeeperMetrics.FENCED_BATCHES)
                .description("Batches the PostgreSQL fence refused because a later leader had claimed it")
                .register(registry);
        writer = new LeaderWriter(new TokenBatchWriter(applyDataSource), zookeeper.maxInFlight(),
                zookeeper.applyBatchMax(), this::deposed);
        election = new ZooKeeperElection(new ElectionConfig(connect, zookeeper.root(), config.nodeId(),
                self.httpUrl().toString(), zookeeper.sessionTimeoutMs(), zookeeper.connectionTimeoutMs()),
                this::highestToken, this);
        contact = new LeaderContact(this::leader);
        LeaderForwarder forwarder = new LeaderForwarder(vertx, json, secret,
                Duration.ofMillis(zookeeper.commitTimeoutMs() + zookeeper.leaderWaitMs()), Mode.ZOOKEEPER);
        router = new LeaderRouter(this, config.nodeId(), forwarder, zookeeper.leaderWaitMs());
        Gauge.builder(ZooKeeperMetrics.TOKEN, this, s -> s.term().orElse(0L))
                .description("The token of the leadership this node knows (its own while it leads); 0: none")
                .register(registry);
        Gauge.builder(ZooKeeperMetrics.LEADER, writer, w -> w.leading() ? 1 : 0)
                .description("1 on the leader (once its token is claimed), 0 elsewhere").register(registry);
        FunctionCounter.builder(ZooKeeperMetrics.REFUSED_UNWRITTEN, writer, LeaderWriter::refusedUnwritten)
                .description("Transfers the leader took and refused unwritten (503) because its leadership ended"
                        + " first")
                .register(registry);
        watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread named = new Thread(runnable, "zookeeper-leader-watchdog");
            named.setDaemon(true);
            return named;
        });
        election.start();
        watchdog.scheduleWithFixedDelay(() -> {
            contact.look();
            rejoinIfWritesStall(zookeeper.applyFailureHandoverMs());
        }, LeaderLimits.WATCH_INTERVAL_MS, LeaderLimits.WATCH_INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    /** Where the others reach this node when no URL is configured: only if the listener's address is one. */
    private String httpUrlFromListener() {
        if (httpPort == 0 || httpHost.equals("0.0.0.0") || httpHost.equals("::")) {
            throw new IllegalStateException("zookeeper mode needs ledger.zookeeper.http-url (env"
                    + " LEDGER_ZOOKEEPER_HTTP_URL), where the other nodes reach this one: quarkus.http.host "
                    + httpHost + " and port " + httpPort + " do not say");
        }
        return "http://" + httpHost + ":" + httpPort;
    }

    @PreDestroy
    void stop() {
        watchdog.shutdownNow();
        try {
            election.close();
        } catch (IOException e) {
            LOG.warn("leaving the zookeeper election failed", e);
        }
        writer.close();
    }

    /**
     * Claims the fence for this leadership before taking any transfer, so that from now on no batch of an earlier
     * leader commits. Runs on the election's thread.
     */
    @Override
    public void leading(long token) throws SQLException, Deposed {
        try (Connection connection = applyDataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                TokenFence.claim(connection, token, config.nodeId());
                connection.commit();
            } catch (SQLException | RuntimeException | Deposed e) {
                connection.rollback();
                throw e;
            }
        }
        writer.lead(token);
    }

    @Override
    public void notLeading(long token) {
        writer.stopLeading(token);
    }

    /** A batch was refused by the fence: this leadership is over, whatever ZooKeeper says yet. */
    private void deposed() {
        fencedBatches.increment();
        election.rejoin();
    }

    /** Raft's watchdog rule: a leader that cannot write to PostgreSQL lets another node lead. */
    private void rejoinIfWritesStall(long afterMs) {
        long stalledMs = writer.stalledForMs();
        long token = writer.token();
        if (token == 0 || stalledMs < afterMs) {
            return;
        }
        LOG.warnf("writes to PostgreSQL have been stalled for %d ms: giving up leadership (token %d) and rejoining"
                + " the election", stalledMs, token);
        writer.stopLeading(token);
        election.rejoin();
    }

    private long highestToken() throws SQLException {
        try (Connection connection = applyDataSource.getConnection()) {
            return TokenFence.highest(connection);
        }
    }

    @Override
    public Mode mode() {
        return Mode.ZOOKEEPER;
    }

    @Override
    public LeaderRouter router() {
        return router;
    }

    @Override
    public LeaderContact.View leaderContact() {
        return contact.look();
    }

    @Override
    public boolean takesTransfers() {
        return writer.leading();
    }

    @Override
    public String whyNoLeader(long leaderlessForMs) {
        String why = election.connected() ? "no zookeeper leader that can take transfers yet (an election is under way)"
                : NOT_CONNECTED + ", so it knows no leader that can take transfers";
        return why + (leaderlessForMs > 0 ? "; it has had none for " + leaderlessForMs + " ms" : "")
                + "; nothing was done, retry, at another node too";
    }

    /** Every command is validated here, forwarded ones too: the follower that sent one is not trusted. */
    @Override
    public CompletableFuture<TransferResult> proposeAsLeader(TransferCommand command) {
        Inputs.problemWith(command, config.idempotency().keyMaxLength()).ifPresent(problem -> {
            throw new InvalidRequest(problem);
        });
        if (!election.connected()) {
            // It may not have heard yet that its leadership is over; and a client should hear why.
            throw new Unavailable(NOT_CONNECTED + ", so it does not lead; nothing was done, retry, at another node"
                    + " too");
        }
        return LeaderAnswers.within(writer.submit(command), zookeeper.commitTimeoutMs());
    }


    @Override
    public Optional<Leadership> leadership() {
        return Optional.of(this);
    }

    @Override
    public boolean leads() {
        return writer.leading();
    }

    /** The leader as published in ZooKeeper; this node only once it has claimed its token. */
    @Override
    public Optional<Member> leader() {
        if (writer.leading()) {
            return Optional.of(self);
        }
        return election.leader().filter(leader -> !leader.id().equals(self.id()))
                .map(leader -> new Member(leader.id(), URI.create(leader.httpUrl())));
    }

    /** This node and the leader it knows: the ensemble knows the others, no list here does. */
    @Override
    public List<Member> members() {
        return leader().filter(leader -> !leader.equals(self)).map(leader -> List.of(self, leader))
                .orElse(List.of(self));
    }

    /**
     * The term is the leadership's token; the peers, the nodes in the election now (there is no configured list of
     * members); the session, the state of this node's ZooKeeper connection.
     */
    @Override
    public ClusterInfo cluster() {
        Optional<Member> leader = leader();
        String role = leader.map(l -> l.equals(self) ? ClusterInfo.LEADER : ClusterInfo.FOLLOWER)
                .orElse(ClusterInfo.CANDIDATE);
        return new ClusterInfo(role, leader.map(Member::id).orElse(null), term().orElse(null),
                election.participants(), null, null, election.session());
    }

    private Optional<Long> term() {
        long own = writer.token();
        return own != 0 ? Optional.of(own) : election.leader().map(PublishedLeader::token);
    }

    /**
     * Connected to ZooKeeper, a leader known (this node once its claim is done), and, on the leader, writes getting
     * through.
     */
    @Override
    public boolean ready() {
        return election.connected() && leader().isPresent()
                && (!writer.leading() || writer.stalledForMs() < zookeeper.applyFailureHandoverMs());
    }
}
