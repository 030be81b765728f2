package dev.ledger.mode.zookeeper;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.StandardConnectionStateErrorPolicy;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.jboss.logging.Logger;

/**
 * This node's part in the leader election on ZooKeeper (Curator's LeaderLatch), and what it knows of the leader.
 *
 * <p>When the latch makes this node leader, it draws a token greater than every earlier leadership's
 * ({@link EpochClaim}) and publishes itself in the leader znode; only then does it report {@code leading(token)}.
 * It reports {@code notLeading(token)} as soon as that leadership may be over: the connection to ZooKeeper suspended
 * (Curator's standard error policy counts SUSPENDED, not only LOST, so a leader cut off from ZooKeeper stops about
 * a third of a session before the ensemble can elect another), the session lost, {@link #rejoin()}, {@link #close()}.
 * The reports come in order, one at a time, on the election's own thread, never on ZooKeeper's.
 *
 * <p>ZooKeeper alone cannot stop a leader that missed all this (a long pause) from writing on: the token does,
 * checked by PostgreSQL ({@link TokenFence}). The election needs the highest token PostgreSQL has seen, through a
 * {@link TokenFloor}, and nothing else of the database.
 */
public final class ZooKeeperElection implements Closeable {

    /** What this node's leadership means to the rest of the service. Called on the election's thread, in order. */
    public interface Listener {

        /**
         * This node leads, under {@code token}, greater than the token of every earlier leadership.
         *
         * @throws Exception if this node cannot take the leadership up (its claim in PostgreSQL failed): the election
         *     then ends it and rejoins a little later, as after a failed draw of a token
         */
        void leading(long token) throws Exception;

        /** The leadership of {@code token} is over, or may be: stop writing under it. */
        void notLeading(long token);
    }

    /** The highest token PostgreSQL has seen ({@link TokenFence#highest}), from which a new token counts up. */
    @FunctionalInterface
    public interface TokenFloor {
        long highest() throws Exception;
    }

    private static final Logger LOG = Logger.getLogger(ZooKeeperElection.class);
    private static final long NOT_LEADING = 0;
    /**
     * After a failed claim (ZooKeeper or PostgreSQL unreachable), how long this node holds the latch before it
     * rejoins at the back: long enough that nodes which all fail do not spin, short enough that a node that can
     * claim soon leads.
     */
    private static final long REJOIN_AFTER_FAILED_CLAIM_MS = 1_000;
    private static final long CLOSE_TIMEOUT_MS = 10_000;
    /** Retries of one ZooKeeper operation; the client keeps reconnecting whatever this says. */
    private static final int RETRY_BASE_SLEEP_MS = 100;
    private static final int RETRY_MAX = 3;

    private final ElectionConfig config;
    private final TokenFloor floor;
    private final Listener listener;
    private final CuratorFramework client;
    private final EpochClaim epochClaim;
    private final CuratorCache leaderCache;
    /** The latch's nodes, one per node in the election, each holding that node's id. */
    private final CuratorCache latchCache;
    /** Every change of the latch and every report happens here, one at a time. */
    private final ScheduledExecutorService thread;
    /** The latch this node is in, or null once closed; only touched on {@link #thread}. */
    private LeaderLatch latch;
    private volatile long token = NOT_LEADING;
    /** What Curator last reported of the connection, for {@link #session()}. */
    private volatile String session = "CONNECTING";

    public ZooKeeperElection(ElectionConfig config, TokenFloor floor, Listener listener) {
        this.config = config;
        this.floor = floor;
        this.listener = listener;
        this.client = CuratorFrameworkFactory.builder()
                .connectString(config.connect())
                .sessionTimeoutMs(config.sessionTimeoutMs())
                .connectionTimeoutMs(config.connectionTimeoutMs())
                .retryPolicy(new ExponentialBackoffRetry(RETRY_BASE_SLEEP_MS, RETRY_MAX))
                // Curator's default, named because the guarantee above rests on it
                .connectionStateErrorPolicy(new StandardConnectionStateErrorPolicy())
                // Keep the configured connect string: by default Curator rewrites it from the ensemble's config
                .ensembleTracker(false)
                .build();
        this.epochClaim = new EpochClaim(client, config);
        this.leaderCache = CuratorCache.build(client, config.leaderPath(), CuratorCache.Options.SINGLE_NODE_CACHE);
        this.latchCache = CuratorCache.build(client, config.latchPath());
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread named = new Thread(runnable, "zookeeper-election");
            named.setDaemon(true);
            return named;
        });
    }

    /** Connects (in the background) and joins the election. */
    public void start() {
        // RECONNECTED is a transition into the connected state: reported as the state, not for good beside CONNECTED.
        client.getConnectionStateListenable().addListener((ignored, state) -> session =
                state == ConnectionState.RECONNECTED ? ConnectionState.CONNECTED.name() : state.name());
        client.start();
        leaderCache.start();
        latchCache.start();
        thread.execute(this::join);
    }

    /** The token of this node's leadership, or empty while it does not lead. */
    public OptionalLong token() {
        long current = token;
        return current == NOT_LEADING ? OptionalLong.empty() : OptionalLong.of(current);
    }

    /**
     * The ids of the nodes in the election now, sorted: a node that is gone leaves it when its ZooKeeper session
     * expires. Watched, so reading it costs no ZooKeeper call.
     */
    public List<String> participants() {
        return latchCache.stream().filter(node -> !node.getPath().equals(config.latchPath()))
                .map(node -> new String(node.getData(), StandardCharsets.UTF_8)).distinct().sorted().toList();
    }

    /** The leader as last published, or empty while none is. Watched, so reading it costs no ZooKeeper call. */
    public Optional<PublishedLeader> leader() {
        return leaderCache.get(config.leaderPath()).map(node -> PublishedLeader.fromBytes(node.getData()));
    }

    /**
     * The state of this node's connection as Curator last reported it: CONNECTING until the first report, then
     * CONNECTED (also after a reconnection), SUSPENDED (no contact for two thirds of a session: leadership is given
     * up) or LOST (the session expired, or its timeout passed while suspended).
     */
    public String session() {
        return session;
    }

    /** Whether this node is connected to the ensemble now (not suspended, not lost). */
    public boolean connected() {
        return client.getZookeeperClient().isConnected();
    }

    /**
     * Gives up this node's leadership, if it has one, and joins the election again at the back: for a leader that
     * cannot go on (its batch was fenced, its database unreachable), so that another node leads.
     */
    public void rejoin() {
        thread.execute(() -> rejoin(latch));
    }

    /**
     * Leaves the election (reporting the end of a leadership) and disconnects: the leader znode, if this node
     * published it, goes with its session.
     */
    @Override
    public void close() throws IOException {
        if (thread.isShutdown()) {
            return;
        }
        try {
            thread.submit(() -> {
                endLeadership();
                leave(latch);
                latch = null;
            }).get(CLOSE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf(e, "leaving the election of %s did not finish", config.root());
        } finally {
            thread.shutdownNow();
            leaderCache.close();
            latchCache.close();
            client.close();
        }
    }

    /** The ZooKeeper client, for tests that break its connection. */
    CuratorFramework client() {
        return client;
    }

    private void join() {
        LeaderLatch joined = new LeaderLatch(client, config.latchPath(), config.nodeId());
        joined.addListener(new LeaderLatchListener() {
            @Override
            public void isLeader() {
                claim(joined);
            }

            @Override
            public void notLeader() {
                if (joined == latch) {
                    endLeadership();
                }
            }
        }, thread);
        latch = joined;
        try {
            joined.start();
        } catch (Exception e) {
            throw new IllegalStateException("a new latch failed to start", e);
        }
    }

    private void claim(LeaderLatch leading) {
        // A latch left since, or a leadership lost again before its turn here: a notLeader follows, if anything.
        if (leading != latch || !leading.hasLeadership()) {
            return;
        }
        OptionalLong claimed;
        try {
            claimed = epochClaim.claim(leading.getLastPathIsLeader(), floor.highest());
        } catch (Exception e) {
            LOG.warnf(e, "%s leads the election but drew no token: it rejoins in %d ms", config.nodeId(),
                    REJOIN_AFTER_FAILED_CLAIM_MS);
            thread.schedule(() -> rejoin(leading), REJOIN_AFTER_FAILED_CLAIM_MS, TimeUnit.MILLISECONDS);
            return;
        }
        if (claimed.isPresent()) {
            token = claimed.getAsLong();
            LOG.infof("%s leads with token %d", config.nodeId(), token);
            try {
                listener.leading(token);
            } catch (Exception e) {
                LOG.warnf(e, "%s cannot take up its leadership with token %d: it rejoins in %d ms", config.nodeId(),
                        token, REJOIN_AFTER_FAILED_CLAIM_MS);
                endLeadership();
                thread.schedule(() -> rejoin(leading), REJOIN_AFTER_FAILED_CLAIM_MS, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void endLeadership() {
        long ended = token;
        if (ended != NOT_LEADING) {
            token = NOT_LEADING;
            LOG.infof("%s no longer leads (token %d)", config.nodeId(), ended);
            listener.notLeading(ended);
        }
    }

    /** Leaves {@code from} and joins anew, unless {@code from} was left already. */
    private void rejoin(LeaderLatch from) {
        if (from == null || from != latch) {
            return;
        }
        endLeadership();
        leave(from);
        join();
    }

    private void leave(LeaderLatch left) {
        if (left == null) {
            return;
        }
        try {
            // SILENT: the end of the leadership is reported above; its latch node is deleted in the background
            left.close(LeaderLatch.CloseMode.SILENT);
        } catch (IOException | IllegalStateException e) {
            LOG.warnf(e, "leaving the latch of %s", config.root());
        }
    }
}
